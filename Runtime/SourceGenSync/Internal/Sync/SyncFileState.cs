namespace SourceGenSync.Internal.Sync;

/// <summary>
/// The sync state kept in a realm file (table <c>sgs_sync_state</c>): the client file identity the server assigned,
/// the download cursor (last server version integrated) and the upload ack (highest client version the server
/// integrated), the server realm the file is bound to, and whether a client reset is half-way.
/// </summary>
/// The view query version is the flexible-sync subscription set the local view reflects (0: none).
internal sealed record SyncFileState(long ClientFileIdent, long ClientFileSalt, long DownloadCursor, long UploadAck,
                                     string? ServerRealm, bool ResetPending, long ViewQueryVersion = 0);

/// <summary>What one <see cref="SyncStateStore.Integrate"/> call did.</summary>
/// <param name="DownloadCursor">The persisted download cursor after the batch.</param>
/// <param name="UploadAck">The persisted upload ack after the batch.</param>
/// <param name="ChangesetsApplied">Downloaded changesets that changed the local file (appended to the change log).</param>
/// <param name="BytesApplied">Encoded bytes of the downloaded changesets integrated (progress accounting).</param>
/// <param name="InstructionsSkipped">Instructions that did not fit the local state or schema and were skipped.</param>
/// <param name="CompletedQueryVersion">The subscription set this batch completed (flexible sync; 0: none).</param>
internal sealed record IntegrationResult(long DownloadCursor, long UploadAck, int ChangesetsApplied, long BytesApplied,
                                         int InstructionsSkipped, long CompletedQueryVersion = 0);
