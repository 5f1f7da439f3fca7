package jp.vrsctl.cli;

import jp.vrsctl.domain.Catalog;
import jp.vrsctl.domain.Municipality;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.domain.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Reference data bundled with vrsctl (no login needed).",
        subcommands = {CatalogCommand.Municipalities.class, CatalogCommand.Products.class})
final class CatalogCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "municipalities", mixinStandardHelpOptions = true,
            description = "Municipality codes of Japan with their names (総務省 list; the as-of date is printed to stderr).")
    static final class Municipalities extends BaseCommand {
        @Option(names = "--search", paramLabel = "TEXT", description = "Only codes or names containing TEXT.")
        String search;

        @Mixin
        OutputOptions out;

        @Override
        int execute() {
            MunicipalityRegistry reg = MunicipalityRegistry.bundled();
            ctx.err.println(CliMessages.get("catalog.asof", reg.asOf().toString()));
            Printer p = new Printer().col("code", "CODE").col("name", "NAME").col("kana", "KANA")
                    .col("prefecture", "PREFECTURE");
            for (Municipality m : reg.all()) {
                if (search == null || m.code().value().contains(search) || m.name().contains(search)
                        || m.kana().contains(search)) {
                    p.row(m.code().value(), m.name(), m.kana(), m.prefecture());
                }
            }
            p.print(ctx, out);
            return 0;
        }
    }

    @Command(name = "products", mixinStandardHelpOptions = true, description = "Vaccine products, makers and synonyms.")
    static final class Products extends BaseCommand {
        @Mixin
        OutputOptions out;

        @Override
        int execute() {
            Catalog c = Catalog.bundled();
            ctx.err.println(CliMessages.get("catalog.products.asof", c.asOf()));
            Printer p = new Printer().col("id", "ID").col("name", "NAME").col("english_name", "ENGLISH")
                    .col("maker", "MAKER").col("cvx", "CVX").col("platform", "PLATFORM").col("synonyms", "SYNONYMS")
                    .col("maker_synonyms", "MAKER SYNONYMS");
            for (Product pr : c.products()) {
                p.row(pr.id(), pr.name(), pr.englishName(), c.makerOf(pr).name(), pr.cvx(), pr.platform(),
                        String.join(" / ", pr.synonyms()), String.join(" / ", c.makerOf(pr).synonyms()));
            }
            p.print(ctx, out);
            return 0;
        }
    }
}
