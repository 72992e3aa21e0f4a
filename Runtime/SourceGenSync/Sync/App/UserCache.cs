using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace SourceGenSync.Sync;

/// <summary>One logged-in user as cached on disk.</summary>
internal sealed record CachedUser(string Id, AuthProvider Provider, string AccessToken, string RefreshToken, long AccessTokenExpiresAt);

/// <summary>The cache's content: the logged-in users in log-in order and the current one.</summary>
internal sealed record CachedUsers(string? CurrentUserId, IReadOnlyList<CachedUser> Users)
{
    public static readonly CachedUsers Empty = new(null, []);
}

/// <summary>
/// Keeps the logged-in users and their tokens in <c>&lt;BaseFilePath&gt;/sourcegensync-metadata/users.json</c>, so an
/// app restarted without network has its users back. Written atomically (a temporary file renamed over the old
/// one): a crash leaves either the old or the new content. The file belongs to one server address; a cache written
/// for another server is ignored. Tokens are stored as they are: protect the folder like any app secret.
/// </summary>
internal sealed class UserCache
{
    public const string FolderName = "sourcegensync-metadata";
    private const string FileName = "users.json";
    private const int FormatVersion = 1;

    private readonly object _writeLock = new();
    private readonly string _server;

    public UserCache(string baseFilePath, Uri server)
    {
        Folder = Path.Combine(baseFilePath, FolderName);
        FilePath = Path.Combine(Folder, FileName);
        _server = server.AbsoluteUri;
    }

    public string Folder { get; }

    public string FilePath { get; }

    /// <summary>The cached users; empty when there is no cache, it is for another server, or it cannot be read
    /// (a damaged cache costs a log-in, never a crash).</summary>
    public CachedUsers Load()
    {
        try
        {
            if (!File.Exists(FilePath))
            {
                return CachedUsers.Empty;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion || root.GetProperty("server").GetString() != _server)
            {
                return CachedUsers.Empty;
            }

            var users = new List<CachedUser>();
            foreach (var user in root.GetProperty("users").EnumerateArray())
            {
                users.Add(new CachedUser(
                    user.GetProperty("id").GetString()!,
                    Enum.Parse<AuthProvider>(user.GetProperty("provider").GetString()!),
                    user.GetProperty("accessToken").GetString()!,
                    user.GetProperty("refreshToken").GetString()!,
                    user.GetProperty("accessTokenExpiresAt").GetInt64()));
            }

            var current = root.TryGetProperty("currentUserId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return new CachedUsers(current, users);
        }
        catch (Exception exception) when (exception is JsonException or IOException or KeyNotFoundException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            return CachedUsers.Empty;
        }
    }

    public void Save(CachedUsers content)
    {
        lock (_writeLock)
        {
            Directory.CreateDirectory(Folder);
            var temporary = FilePath + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    Write(writer, content);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
    }

    private void Write(Utf8JsonWriter writer, CachedUsers content)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("server", _server);
        if (content.CurrentUserId is null)
        {
            writer.WriteNull("currentUserId");
        }
        else
        {
            writer.WriteString("currentUserId", content.CurrentUserId);
        }

        writer.WriteStartArray("users");
        foreach (var user in content.Users)
        {
            writer.WriteStartObject();
            writer.WriteString("id", user.Id);
            writer.WriteString("provider", user.Provider.ToString());
            writer.WriteString("accessToken", user.AccessToken);
            writer.WriteString("refreshToken", user.RefreshToken);
            writer.WriteNumber("accessTokenExpiresAt", user.AccessTokenExpiresAt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
