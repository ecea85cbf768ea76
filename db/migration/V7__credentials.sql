-- What lets a client in when serve has a password (SECURITY.md): login sessions and the API
-- token. Each is kept as the SHA-256 of the secret the client holds, never the secret itself.
-- The password's own slow hash is in settings ('password').
CREATE TABLE credentials (
    digest   CHAR(64) PRIMARY KEY,   -- lowercase hex SHA-256 of the secret
    kind     VARCHAR(16) NOT NULL,   -- 'session' or 'token'
    created  BIGINT NOT NULL,        -- epoch seconds
    expires  BIGINT NOT NULL         -- epoch seconds; a token's is far away, until rotated
);
