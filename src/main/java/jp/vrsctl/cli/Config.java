package jp.vrsctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * The configuration file (design.md §8): {@code $XDG_CONFIG_HOME/vrsctl/config.toml}, else
 * {@code ~/.config/vrsctl/config.toml} (on Windows {@code %APPDATA%\vrsctl\config.toml}), or the file
 * {@code VRSCTL_CONFIG} names. It holds defaults for what the {@code VRSCTL_*} variables hold, under their
 * names without the prefix, in lower case:
 *
 * <pre>
 * store = "sqlite:/srv/vrsctl/vrs.db"
 * municipality = "112151"
 * user = "sato"
 * password_file = "/home/sato/.vrsctl-password"
 * verbose = false          # true: stack traces (never values) on unexpected errors
 * </pre>
 *
 * Flags win over variables, variables over the file. The file is refused (exit 2, naming it) when it is not
 * valid TOML (with line and column), has a key not listed here, a value that is not a string, a relative path,
 * or can be written by other users (whoever can change it can point every command at another store).
 * Parsing is Jackson's TOML module; no hand-written parser.
 */
final class Config {
    /** Keys of the file and the variables they stand for. */
    static final Map<String, String> KEYS = Map.of(
            "store", "VRSCTL_STORE",
            "municipality", "VRSCTL_MUNICIPALITY",
            "user", "VRSCTL_USER",
            "password_file", "VRSCTL_PASSWORD_FILE",
            "verbose", "VRSCTL_VERBOSE");
    private static final Set<String> PATHS = Set.of("store", "password_file");

    static final Config NONE = new Config(null, Map.of());

    final Path file;
    /** Values by variable name ({@code VRSCTL_STORE}, ...). */
    private final Map<String, String> values;

    private Config(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    String get(String variable) {
        return values.get(variable);
    }

    /** Where the file is looked for, from the environment; null if no location can be made. */
    static Path location(Map<String, String> env) {
        String explicit = blankToNull(env.get("VRSCTL_CONFIG"));
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = blankToNull(env.get("XDG_CONFIG_HOME"));
        if (xdg != null) {
            return Path.of(xdg, "vrsctl", "config.toml");
        }
        String appData = blankToNull(env.get("APPDATA"));
        if (appData != null) {
            return Path.of(appData, "vrsctl", "config.toml");
        }
        String home = blankToNull(env.get("HOME"));
        return home == null ? null : Path.of(home, ".config", "vrsctl", "config.toml");
    }

    /** Reads the file for this environment; {@link #NONE} if there is none (a missing VRSCTL_CONFIG file is an error). */
    static Config load(Map<String, String> env) {
        Path p = location(env);
        if (p == null) {
            return NONE;
        }
        if (!Files.exists(p)) {
            if (blankToNull(env.get("VRSCTL_CONFIG")) != null) {
                throw new VrsException(ExitCode.NOT_FOUND, CliMessages.get("config.missing", p));
            }
            return NONE;
        }
        if (!Files.isRegularFile(p)) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("config.notfile", p));
        }
        checkPermissions(p);
        Map<String, String> values = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(p, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("config.unreadable", p, e.getMessage()), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM, as Windows editors write
        }
        List<String> lines = text.lines().toList();
        try (JsonParser parser = new TomlMapper().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Config(p, values);
            }
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = locate(lines, key, 1);
                JsonToken v = parser.nextToken();
                String variable = KEYS.get(key);
                if (variable == null) {
                    throw bad(p, at, CliMessages.get("config.key", key, String.join(", ", new java.util.TreeSet<>(KEYS.keySet()))));
                }
                if (key.equals("verbose")) {
                    String b = v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE || v == JsonToken.VALUE_STRING
                            ? parser.getText().trim().toLowerCase(java.util.Locale.ROOT) : null;
                    if (b == null || !Set.of("true", "false").contains(b)) {
                        throw bad(p, at, CliMessages.get("config.boolean", key));
                    }
                    values.put(variable, b);
                    continue;
                }
                if (v != JsonToken.VALUE_STRING) {
                    throw bad(p, at, CliMessages.get("config.string", key));
                }
                String value = parser.getText();
                if (PATHS.contains(key) && !absolute(key, value)) {
                    throw bad(p, at, CliMessages.get("config.relative", key));
                }
                values.put(variable, value);
            }
            if (t != JsonToken.END_OBJECT) {
                throw bad(p, parser.currentLocation(), CliMessages.get("config.string", parser.currentName()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.toLowerCase(java.util.Locale.ROOT).contains("duplicate key")) {
                // the TOML module names neither the key nor its line: find the first key assigned twice
                java.util.Set<String> seen = new java.util.HashSet<>();
                java.util.regex.Pattern assign = java.util.regex.Pattern.compile("^\\s*\"?([A-Za-z0-9_-]+)\"?\\s*=");
                for (String line : lines) {
                    java.util.regex.Matcher m = assign.matcher(line);
                    if (m.find() && !seen.add(m.group(1))) {
                        at = locate(lines, m.group(1), 2);
                        msg = CliMessages.get("config.duplicate", m.group(1));
                        break;
                    }
                }
            } else if (at != null && at.getLineNr() > lines.size()) {
                at = null;
            }
            throw bad(p, at, msg);
        } catch (IOException e) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("config.unreadable", p, e.getMessage()), e);
        }
        return new Config(p, values);
    }

    private static boolean absolute(String key, String value) {
        String path = value;
        if (key.equals("store")) {
            if (!value.startsWith("sqlite:")) {
                return true; // a server URL (postgresql://...) has no file path
            }
            path = value.substring("sqlite:".length());
        }
        return Path.of(path).isAbsolute();
    }

    /**
     * Where a top-level key is written: Jackson's TOML module reads the whole file into a tree first, so its
     * parser has no location for a key. The {@code nth} line that assigns it ({@code key =}, {@code key.sub =})
     * or opens it as a table ({@code [key]}, {@code [key.sub]}, {@code [[key]]}) gives it.
     */
    private static JsonLocation locate(List<String> lines, String key, int nth) {
        String k = "\"?" + java.util.regex.Pattern.quote(key) + "\"?";
        java.util.regex.Pattern assign = java.util.regex.Pattern.compile("^(\\s*)(?:" + k + "\\s*[=.]|\\[\\[?\\s*" + k
                + "\\s*[].])");
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            java.util.regex.Matcher m = assign.matcher(lines.get(i));
            if (m.find() && ++seen == nth) {
                return new JsonLocation(null, -1, i + 1, m.group(1).length() + 1);
            }
        }
        return null;
    }

    private static VrsException bad(Path p, JsonLocation at, String what) {
        String where = at == null || at.getLineNr() < 1 ? p.toString()
                : p + ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr());
        return new VrsException(ExitCode.USAGE, CliMessages.get("config.bad", where, what));
    }

    private static void checkPermissions(Path p) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // Windows: the ACLs of the user's profile folder apply
        }
        try {
            var attrs = view.readAttributes();
            Set<PosixFilePermission> perms = attrs.permissions();
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("config.writable", p));
            }
            // as ssh does: the file must be the user's own (or root's), in a folder others cannot write
            String owner = attrs.owner().getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me) && !owner.equals("root")) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("config.owner", p, owner));
            }
            // every folder above it too, as ssh does: whoever can write one can rename what is below it
            // (a sticky folder such as /tmp excepted: there only an entry's owner may rename it)
            for (Path dir = p.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                int mode;
                try {
                    mode = (Integer) Files.getAttribute(dir, "unix:mode");
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    break;
                }
                boolean sticky = (mode & 01000) != 0;
                if ((mode & 022) != 0 && !sticky) {
                    throw new VrsException(ExitCode.USAGE, CliMessages.get("config.dirwritable", p, dir));
                }
            }
        } catch (IOException e) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("config.unreadable", p, e.getMessage()), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
