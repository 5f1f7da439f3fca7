package jp.vrsctl.service;

/**
 * Public, non-secret facts about a municipality kept in its {@code municipality.settings} row: the audit
 * public keys (entries' details are sealed to the first; checkpoints are verified with the second).
 */
public record MunicipalitySettings(String auditSealPublic, String auditSignPublic, String kemAlgorithm) {

    byte[] auditSealPublicKey() {
        return Json.unb64(auditSealPublic);
    }

    byte[] auditSignPublicKey() {
        return Json.unb64(auditSignPublic);
    }

    static MunicipalitySettings parse(String json) {
        return Json.read(json, MunicipalitySettings.class);
    }

    String toJson() {
        return Json.string(this);
    }
}
