namespace Portal.Domain.Audit;

/// <summary>Action names written to the audit log, kept in one place so filters can offer them.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignOut = "auth.sign_out";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles_changed";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserDeleted = "user.deleted";
    public const string UserUnlocked = "user.unlocked";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string JobTriggered = "job.triggered";
    public const string JobPaused = "job.paused";
    public const string JobResumed = "job.resumed";
    public const string JobRescheduled = "job.rescheduled";
    public const string RunCancelRequested = "run.cancel_requested";
    public const string RunRetried = "run.retried";
    public const string RunDeleted = "run.deleted";
    public const string PersonFieldLocked = "person.field_locked";
    public const string PersonFieldUnlocked = "person.field_unlocked";
    public const string PersonTitleCorrected = "person.title_corrected";
    public const string ConfigSaved = "config.saved";
    public const string BackfillUploaded = "backfill.uploaded";
    public const string BackfillColumnsMapped = "backfill.columns_mapped";
    public const string BackfillStarted = "backfill.started";
    public const string BackfillReverted = "backfill.reverted";
    public const string BackfillConflictTaken = "backfill.conflict_taken";
    public const string ReviewResolved = "review.resolved";
    public const string ReviewReopened = "review.reopened";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string AlertSilenced = "alert.silenced";
    public const string AlertRuleChanged = "alert_rule.changed";
    public const string EnrichmentRetryNow = "enrichment.retry_now";
    public const string EnrichmentSkipped = "enrichment.skipped";
    public const string EnrichmentDeadLettered = "enrichment.dead_lettered";
}

/// <summary>Target types of audit entries that pages look up by.</summary>
public static class AuditTargets
{
    public const string Company = "company";
    public const string Person = "person";
    public const string EnrichmentItems = "enrichment_items";
}
