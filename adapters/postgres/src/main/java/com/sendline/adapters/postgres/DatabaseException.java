package com.sendline.adapters.postgres;

import java.sql.SQLException;

/** A database failure, with the SQLSTATE kept so callers can tell a timeout or a clash from an outage. */
public final class DatabaseException extends RuntimeException {
    public static final String QUERY_CANCELED = "57014";
    public static final String UNIQUE_VIOLATION = "23505";

    private final String sqlState;

    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause == null ? null : cause.getSQLState();
    }

    static DatabaseException from(SQLException e) {
        return new DatabaseException(e.getMessage(), e);
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean isTimeout() {
        return QUERY_CANCELED.equals(sqlState);
    }

    public boolean isUniqueViolation() {
        return UNIQUE_VIOLATION.equals(sqlState);
    }

    /** Which unique constraint clashed, when it was one. */
    public String constraint() {
        if (getCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getConstraint();
        }
        return null;
    }
}
