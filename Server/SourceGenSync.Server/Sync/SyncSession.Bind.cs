using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Sync;

// Bind (authentication, realm, schema, client file, cursors) and the checks every uploaded changeset passes
// before it may reach the integrator.
internal sealed partial class SyncSession
{
    public const uint ProtocolVersion = 1;

    private async Task<(Bound Bound, bool Bootstrap)> BindAsync(Bind bind, CancellationToken cancellationToken)
    {
        if (bind.ProtocolVersion != ProtocolVersion)
        {
            throw new SyncSessionException(SyncErrorCode.UnsupportedProtocolVersion, $"This server speaks sync protocol version {ProtocolVersion}; the client asked for {bind.ProtocolVersion}. Update the client or the server.");
        }

        var (identity, problem, reason) = await _services.Tokens.ValidateAsync(bind.AccessToken).ConfigureAwait(false);
        if (identity is null)
        {
            throw new SyncSessionException(problem == TokenProblem.Expired ? SyncErrorCode.TokenExpired : SyncErrorCode.BadAuthentication, $"Access denied: {reason}.");
        }

        if (!bind.Flexible && _services.Rules.Enabled)
        {
            throw new SyncSessionException(SyncErrorCode.FlexibleSyncRequired, "This server has permission rules, so it serves flexible-sync sessions only: open the realm with a FlexibleSyncConfiguration and subscribe to the objects you need.");
        }

        if (!RealmRegistry.IsValidName(bind.Realm))
        {
            throw new SyncSessionException(SyncErrorCode.UnknownRealm, "The realm name is not valid: use 1 to 128 letters, digits and _ - . / : @, starting with a letter or digit.");
        }

        var realm = await _realms.GetAsync(bind.Realm, _services.Options.CreateRealmsOnBind, cancellationToken).ConfigureAwait(false)
            ?? throw new SyncSessionException(SyncErrorCode.UnknownRealm, $"The realm '{bind.Realm}' does not exist on this server, and realms are not created on bind here.");
        _realm = realm;

        var (added, schemaError) = await realm.MergeSchemaAsync(bind.Schema, _services.Options.DevelopmentMode, cancellationToken).ConfigureAwait(false);
        if (schemaError is not null)
        {
            throw new SyncSessionException(SyncErrorCode.BadSchema, schemaError);
        }

        foreach (var change in added)
        {
            ServerLog.SchemaChanged(_services.Logger, realm.Name, change);
        }

        var now = _services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Storage.ClientFileRecord file;
        if (bind.ClientFile is null || bind.ClientFile.Ident == 0)
        {
            file = await CreateFileAsync(realm, identity.UserId, now, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var found = await _services.Store.FindClientFileAsync(bind.ClientFile.Ident, cancellationToken).ConfigureAwait(false);
            if (found is null || found.Salt != bind.ClientFile.Salt)
            {
                throw new SyncSessionException(SyncErrorCode.BadClientFile, $"The client file {bind.ClientFile.Ident} is unknown to this server or its salt does not match: reset the client.");
            }

            if (found.RealmId != realm.Id)
            {
                throw new SyncSessionException(SyncErrorCode.BadClientFile, $"The client file {bind.ClientFile.Ident} belongs to another realm: reset the client.");
            }

            file = found;
        }

        if (file.UserId != identity.UserId)
        {
            throw new SyncSessionException(SyncErrorCode.PermissionDenied, $"The client file {file.Ident} belongs to another user.");
        }

        _fileIdent = file.Ident;
        if (_services.FileSessions.Replace(file.Ident, this) is { } previous)
        {
            // The file's previous stream may still hold an upload: stop it reading, then let whatever it queued be
            // integrated, so Bound's upload_ack covers it (protocol §4). Otherwise that upload could be integrated
            // after Bound, and the client's next upload, based on its older cursor, would be refused.
            await previous.EndForTakeOverAsync(cancellationToken).ConfigureAwait(false);
            await realm.Integrator.RunExclusiveAsync(static _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
            file = await _services.Store.FindClientFileAsync(file.Ident, cancellationToken).ConfigureAwait(false) ?? file;
        }
        else if (bind.ClientFile is { Ident: not 0 })
        {
            // An upload from a stream that already ended may still be queued: let it finish first (same reason).
            await realm.Integrator.RunExclusiveAsync(static _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
            file = await _services.Store.FindClientFileAsync(file.Ident, cancellationToken).ConfigureAwait(false) ?? file;
        }

        await _services.Store.TouchClientFileAsync(file.Ident, now, cancellationToken).ConfigureAwait(false);

        var head = realm.Head;
        var cursor = bind.DownloadCursor;
        if (cursor < 0 || cursor > head || bind.UploadCursor < 0 || bind.UploadCursor > file.UploadAck)
        {
            throw new SyncSessionException(SyncErrorCode.ClientResetRequired, $"The client's cursors (download {cursor}, upload {bind.UploadCursor}) are ahead of this server (version {head}, upload ack {file.UploadAck}): the server's data was restored or replaced. Reset the client.");
        }

        var bootstrap = cursor == 0 && realm.CompactedThrough > 0;
        if (cursor != 0 && cursor < realm.CompactedThrough)
        {
            throw new SyncSessionException(SyncErrorCode.ClientResetRequired, $"The client last synced at server version {cursor}, but history through version {realm.CompactedThrough} has been compacted (the client was offline longer than the server keeps history). Reset the client.");
        }

        // The ack the download stream starts from: the last own changeset at or before the client's cursor, so
        // every later ack arrives in order with the history around it.
        var ack = file.LastIntegratedServerVersion <= cursor
            ? file.UploadAck
            : Math.Max(bind.UploadCursor, await _services.Store.FindUploadAckAtAsync(realm.Id, file.Ident, cursor, cancellationToken).ConfigureAwait(false));
        _sender = bind.Flexible
            ? await CreateFlexibleSenderAsync(bind, realm, file.Ident, identity, cursor, ack, cancellationToken).ConfigureAwait(false)
            : new DownloadSender(realm, _services, file.Ident, new ClassFilter(bind.Schema), bootstrap ? 0 : cursor, bootstrap ? 0 : ack, WriteAsync);
        bootstrap &= !bind.Flexible; // a flexible view is built from the state anyway
        _sender.UploadAcknowledged += () => Volatile.Write(ref _uploadInFlight, 0);
        ServerLog.SessionBound(_services.Logger, realm.Name, file.Ident, identity.UserId, cursor);
        return (new Bound
        {
            ClientFile = new ClientFileIdent { Ident = file.Ident, Salt = file.Salt },
            ServerVersion = head,
            UploadAck = file.UploadAck,
        }, bootstrap);
    }

    private async Task<Storage.ClientFileRecord> CreateFileAsync(RealmHub realm, string userId, long now, CancellationToken cancellationToken)
    {
        // Positive and never 0 (0 means "no salt" on the wire).
        var salt = (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 2) + 1;
        var file = await _services.Store.CreateClientFileAsync(realm.Id, userId, salt, now, cancellationToken).ConfigureAwait(false);
        ServerLog.ClientFileCreated(_services.Logger, file.Ident, realm.Name, userId);
        return file;
    }

    private List<UploadedChangeset> CheckUpload(Upload upload, RealmSchema schema)
    {
        if (upload.Changesets.Count > _services.Options.MaxChangesetsPerUpload)
        {
            throw new SyncSessionException(SyncErrorCode.ProtocolViolation, $"An Upload may carry at most {_services.Options.MaxChangesetsPerUpload} changesets; this one has {upload.Changesets.Count}.");
        }

        var maxMilliseconds = _services.Time.GetUtcNow().Add(_services.Options.MaxFutureTimestampSkew).ToUnixTimeMilliseconds();
        var checkedChangesets = new List<UploadedChangeset>(upload.Changesets.Count);
        long previous = 0;
        foreach (var item in upload.Changesets)
        {
            var version = item.ClientVersion;
            if (version <= previous)
            {
                throw new SyncSessionException(SyncErrorCode.ProtocolViolation, $"Client versions in an Upload must be positive and increasing; {version} follows {previous}.", version);
            }

            previous = version;
            Changeset changeset;
            try
            {
                changeset = ChangesetCodec.Decode(item.Data.Span);
            }
            catch (ChangesetFormatException exception)
            {
                throw new SyncSessionException(SyncErrorCode.BadChangeset, $"Changeset {version} cannot be decoded: {exception.Message}", version);
            }

            if (changeset.Version != version || changeset.Timestamp != item.OriginTimestamp)
            {
                throw new SyncSessionException(SyncErrorCode.BadChangeset, $"Changeset {version} says it is version {changeset.Version} with timestamp {changeset.Timestamp}, but the Upload says version {version} with timestamp {item.OriginTimestamp}.", version);
            }

            if (item.OriginTimestamp < 0 || (item.OriginTimestamp >> 16) > maxMilliseconds)
            {
                throw new SyncSessionException(SyncErrorCode.BadTimestamp, $"Changeset {version} has the timestamp {DescribeTimestamp(item.OriginTimestamp)}, more than {_services.Options.MaxFutureTimestampSkew} ahead of the server's clock: fix the device's clock.", version);
            }

            var error = ChangesetValidator.Validate(changeset, schema);
            if (error is not null)
            {
                throw new SyncSessionException(SyncErrorCode.BadChangeset, $"Changeset {version} does not fit the realm's schema. {error}", version);
            }

            checkedChangesets.Add(new UploadedChangeset(version, item.OriginTimestamp, changeset, item.Data.ToByteArray()));
        }

        return checkedChangesets;
    }

    private static string DescribeTimestamp(long timestamp)
    {
        var milliseconds = timestamp >> 16;
        return milliseconds is >= -62135596800000 and <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
            : timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
