using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Sync.Flexible;

namespace SourceGenSync.Server.Sync;

// Flexible sync (docs/protocol.md §11): subscription sets, the view's sender, write checks, compensating writes.
internal sealed partial class SyncSession
{
    private UserPermissions? _permissions;
    private readonly List<SubscriptionError> _bindErrors = [];

    private FlexibleDownloadSender? Flexible => _sender as FlexibleDownloadSender;

    private async Task<DownloadSender> CreateFlexibleSenderAsync(Bind bind, RealmHub realm, long ident, AccessIdentity identity, long cursor, long ack, CancellationToken cancellationToken)
    {
        _permissions = _services.Rules.For(new UserIdentity(identity.UserId, identity.Provider, identity.Claims));
        _services.CheckRules(realm.Name, realm.Schema);
        var view = await _services.Store.LoadClientViewAsync(ident, cursor, bind.ViewQueryVersion, cancellationToken).ConfigureAwait(false);

        // The latest set if it is valid, else the last one the client completed, else nothing: the view empties.
        var query = bind.Subscriptions is { } latest ? TryCreateQuery(latest, _bindErrors) : FlexibleQuery.Empty(0);
        if (query is null && bind.ActiveSubscriptions is { } active)
        {
            query = TryCreateQuery(active, _bindErrors);
        }

        var full = query is null || query.Version != bind.ViewQueryVersion;
        query ??= FlexibleQuery.Empty(bind.ViewQueryVersion);
        var sender = new FlexibleDownloadSender(realm, _services, ident, cursor, ack, bind.ViewQueryVersion, view.Select(static v => (v.Class, v.Key)), query, full ? query : null, WriteAsync);

        // Reverts of denied writes the file has not integrated (its connection dropped before their batch).
        sender.Revert(await _services.Store.TakeOutstandingRevertsAsync(ident, cursor, cancellationToken).ConfigureAwait(false));
        return sender;
    }

    /// <summary>
    /// Validates and compiles a subscription set; a refused set is reported (not fatal) and yields null. Versions are
    /// positive and increase (protocol §11.1): batches and the stored view are keyed by them, so a set of version 0
    /// would never be evaluated in full at Bind, and one no newer than <paramref name="newerThan"/> would make the
    /// client unable to tell which set a batch completes.
    /// </summary>
    private FlexibleQuery? TryCreateQuery(SubscriptionSet set, List<SubscriptionError> errors, long newerThan = 0)
    {
        if (set.Version <= newerThan)
        {
            errors.Add(new SubscriptionError
            {
                QueryVersion = set.Version,
                Message = newerThan == 0
                    ? $"The subscription set has version {set.Version}; versions are positive. Number sets 1, 2, 3, ..."
                    : $"The subscription set has version {set.Version}, but this session already uses version {newerThan}; every new set needs a higher version.",
            });
            return null;
        }

        try
        {
            var bound = SubscriptionQueries.Bind(set, _realm!.Schema, _services.SubscriptionLimits);
            return FlexibleQuery.Create(set.Version, bound, _permissions!, _realm.Schema);
        }
        catch (Exception exception) when (exception is SubscriptionRejectedException or QueryRejectedException)
        {
            errors.Add(new SubscriptionError { QueryVersion = set.Version, Message = exception.Message });
            return null;
        }
    }

    private async Task SendBindErrorsAsync(CancellationToken cancellationToken)
    {
        foreach (var error in _bindErrors)
        {
            await SendSubscriptionErrorAsync(error, cancellationToken).ConfigureAwait(false);
        }

        _bindErrors.Clear();
    }

    private async Task UpdateSubscriptionsAsync(UpdateSubscriptions update, CancellationToken cancellationToken)
    {
        if (Flexible is not { } sender)
        {
            throw new SyncSessionException(SyncErrorCode.ProtocolViolation, "UpdateSubscriptions arrived on a session that did not bind as flexible.");
        }

        if (update.Subscriptions is null)
        {
            throw new SyncSessionException(SyncErrorCode.ProtocolViolation, "UpdateSubscriptions carries no subscription set.");
        }

        var errors = new List<SubscriptionError>(1);
        if (TryCreateQuery(update.Subscriptions, errors, newerThan: sender.Latest.Version) is { } query)
        {
            sender.Apply(query);
            return;
        }

        await SendSubscriptionErrorAsync(errors[0], cancellationToken).ConfigureAwait(false);
    }

    private async Task SendSubscriptionErrorAsync(SubscriptionError error, CancellationToken cancellationToken)
    {
        ServerLog.SubscriptionRefused(_services.Logger, _realm?.Name, _fileIdent, error.QueryVersion, error.Message);
        await WriteAsync(new ServerMessage { SubscriptionError = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The write check of this session's uploads: the view as of the newest accepted subscription set. Holds the
    /// sender's batches until <see cref="ReportDeniedWritesAsync"/> (the ack and the reverts travel together).
    /// </summary>
    private WriteGuard? CreateGuard()
    {
        if (Flexible is not { } sender)
        {
            return null;
        }

        sender.Hold();
        return new WriteGuard(sender.Latest, _permissions!, _realm!.Schema);
    }

    private async Task ReportDeniedWritesAsync(IReadOnlyList<DeniedWrite> deniedWrites, IReadOnlyList<(string Class, string Key)> resend, CancellationToken cancellationToken)
    {
        if (Flexible is not { } sender)
        {
            return;
        }

        // One compensating write per object (protocol §11.4), with the first reason, however many of the upload's
        // changesets touched it.
        var denied = deniedWrites.DistinctBy(static d => d.Key).ToList();
        if (denied.Count == 0)
        {
            sender.Release(resend);
            return;
        }

        var error = new SyncError
        {
            Code = SyncErrorCode.CompensatingWrite,
            Fatal = false,
            Action = SyncErrorAction.Warning,
            Message = denied.Count == 1
                ? $"A write to {denied[0].Class} {denied[0].PrimaryKey} was not applied: {denied[0].Reason}"
                : $"{denied.Count} writes were not applied; the first, to {denied[0].Class} {denied[0].PrimaryKey}: {denied[0].Reason}",
        };
        foreach (var write in denied.Take(_services.Options.MaxCompensatingWritesReported))
        {
            error.CompensatingWrites.Add(new CompensatingWrite { ClassName = write.Class, PrimaryKey = QueryValues.ToProto(write.PrimaryKey), Reason = write.Reason });
        }

        // The integration recorded them in the store (pending_reverts): they are sent again after a reconnect until the
        // file binds past the batch that carries them.
        _services.Metrics.Error(nameof(SyncErrorCode.CompensatingWrite));
        ServerLog.WritesDenied(_services.Logger, _realm?.Name, _fileIdent, denied.Count, error.Message);
        try
        {
            await WriteAsync(new ServerMessage { Error = error }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Only now: the batch with the ack and the reverts follows the error that explains it.
            sender.Release(denied.Select(static d => d.Key).Concat(resend));
        }
    }
}
