package dev.gen2.testing;

/** What a snapshot comparison may write: decided once per run from {@code -Dsnapshot.update} and {@code CI}. */
enum SnapshotMode {
    /** A developer's run: a missing snapshot is written, and the test passes, saying so. */
    LOCAL,
    /** A CI run (the {@code CI} variable set): nothing is written; a missing snapshot fails. */
    CI,
    /** {@code -Dsnapshot.update=true}: every snapshot is rewritten, even in CI. */
    UPDATE;

    /** The mode of this run: the system property {@value TemplateSnapshots#UPDATE_PROPERTY}, else {@code CI}. */
    static SnapshotMode current() {
        if (Boolean.getBoolean(TemplateSnapshots.UPDATE_PROPERTY)) {
            return UPDATE;
        }
        return ContinuousIntegration.detected() ? CI : LOCAL;
    }
}
