using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Storage;

// Users, refresh tokens and API keys. Secrets never reach this file: only their SHA-256 hashes (tokens, keys)
// and PBKDF2 hashes (passwords).
internal sealed partial class SqliteSyncStore
{
    private const string UserColumns = "id, email, provider, password_hash, password_salt, password_iterations, created_at, claims_json";

    public Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var command = Command(connection, null, """
                INSERT INTO users(id, email, provider, password_hash, password_salt, password_iterations, created_at, claims_json)
                VALUES ($id, $email, $provider, $hash, $salt, $iterations, $created, $claims)
                ON CONFLICT DO NOTHING;
                """);
            command.Parameters.AddWithValue("$id", user.Id);
            command.Parameters.AddWithValue("$email", (object?)user.Email ?? System.DBNull.Value);
            command.Parameters.AddWithValue("$provider", user.Provider);
            command.Parameters.AddWithValue("$hash", (object?)user.PasswordHash ?? System.DBNull.Value);
            command.Parameters.AddWithValue("$salt", (object?)user.PasswordSalt ?? System.DBNull.Value);
            command.Parameters.AddWithValue("$iterations", user.PasswordIterations);
            command.Parameters.AddWithValue("$created", user.CreatedAt);
            command.Parameters.AddWithValue("$claims", (object?)user.ClaimsJson ?? System.DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        }));
    }

    public Task<UserRecord?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, $"SELECT {UserColumns} FROM users WHERE email = $email;");
            command.Parameters.AddWithValue("$email", email);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadUser(reader) : null;
        }));
    }

    public Task<UserRecord?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, $"SELECT {UserColumns} FROM users WHERE id = $id;");
            command.Parameters.AddWithValue("$id", userId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadUser(reader) : null;
        }));
    }

    public Task<bool> SetUserClaimsAsync(string userId, string? claimsJson, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var command = Command(connection, null, "UPDATE users SET claims_json = $claims WHERE id = $id;");
            command.Parameters.AddWithValue("$id", userId);
            command.Parameters.AddWithValue("$claims", (object?)claimsJson ?? System.DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        }));
    }

    public Task AddRefreshTokenAsync(byte[] tokenHash, RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(connection =>
        {
            using var command = Command(connection, null, "INSERT INTO refresh_tokens(token_hash, user_id, provider, expires_at, revoked) VALUES ($h, $u, $p, $e, 0);");
            command.Parameters.AddWithValue("$h", tokenHash);
            command.Parameters.AddWithValue("$u", token.UserId);
            command.Parameters.AddWithValue("$p", token.Provider);
            command.Parameters.AddWithValue("$e", token.ExpiresAt);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<RefreshTokenRecord?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT user_id, provider, expires_at, revoked FROM refresh_tokens WHERE token_hash = $h;");
            command.Parameters.AddWithValue("$h", tokenHash);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new RefreshTokenRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0) : null;
        }));
    }

    public Task<bool> RevokeRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var command = Command(connection, null, "UPDATE refresh_tokens SET revoked = 1 WHERE token_hash = $h AND revoked = 0;");
            command.Parameters.AddWithValue("$h", tokenHash);
            return command.ExecuteNonQuery() == 1;
        }));
    }

    public Task AddApiKeyAsync(byte[] keyHash, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(connection =>
        {
            using var command = Command(connection, null, "INSERT INTO api_keys(id, key_hash, user_id, name, disabled, created_at) VALUES ($id, $h, $u, $n, 0, $c);");
            command.Parameters.AddWithValue("$id", key.Id);
            command.Parameters.AddWithValue("$h", keyHash);
            command.Parameters.AddWithValue("$u", key.UserId);
            command.Parameters.AddWithValue("$n", key.Name);
            command.Parameters.AddWithValue("$c", key.CreatedAt);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<ApiKeyRecord?> FindApiKeyAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT id, user_id, name, disabled, created_at FROM api_keys WHERE key_hash = $h;");
            command.Parameters.AddWithValue("$h", keyHash);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadApiKey(reader) : null;
        }));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<ApiKeyRecord>>(connection =>
        {
            using var command = Command(connection, null, "SELECT id, user_id, name, disabled, created_at FROM api_keys WHERE user_id = $u ORDER BY created_at, id;");
            command.Parameters.AddWithValue("$u", userId);
            using var reader = command.ExecuteReader();
            var keys = new List<ApiKeyRecord>();
            while (reader.Read())
            {
                keys.Add(ReadApiKey(reader));
            }

            return keys;
        }));
    }

    public Task<bool> DisableApiKeyAsync(string userId, string keyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var command = Command(connection, null, "UPDATE api_keys SET disabled = 1 WHERE id = $id AND user_id = $u;");
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$u", userId);
            return command.ExecuteNonQuery() == 1;
        }));
    }

    private static UserRecord ReadUser(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), NullableBlob(reader, 3), NullableBlob(reader, 4),
            reader.GetInt32(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7));

    private static ApiKeyRecord ReadApiKey(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, reader.GetInt64(4));

    private static byte[]? NullableBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
}
