package dev.verity.platform.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Many rows in one statement: {@code INSERT ... SELECT ... FROM unnest(?::text[], ...)} with one {@code text[]}
 * parameter a column. One round trip and one plan however many rows, where a JDBC batch would send a statement a row.
 */
public final class TextArrays {

    /** What runs the prepared, bound statement. */
    @FunctionalInterface
    public interface Run<R> {

        R run(PreparedStatement statement) throws SQLException;
    }

    private TextArrays() {
    }

    /**
     * Prepares {@code sql}, binds {@code leading} as its first parameters and each of {@code columns} (a column's
     * values, one a row) as a {@code text[]} after them, runs it and frees the arrays.
     */
    public static <R> R execute(Connection connection, String sql, List<?> leading, String[][] columns, Run<R> run)
            throws SQLException {
        List<Array> arrays = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Object value : leading) {
                statement.setObject(parameter++, value);
            }
            for (String[] column : columns) {
                Array array = connection.createArrayOf("text", column);
                arrays.add(array);
                statement.setArray(parameter++, array);
            }
            return run.run(statement);
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }
}
