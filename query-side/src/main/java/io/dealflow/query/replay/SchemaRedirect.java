package io.dealflow.query.replay;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data source whose statements write to a shadow schema instead of {@code read_model}: every
 * {@code read_model.<table>} in the SQL text becomes {@code <shadow>.<table>}. A projection instance built on it
 * runs its own, unchanged SQL against the shadow tables, which is how a rebuild gives the same rows as a live run.
 * Statements starting with {@link #LIVE} pass unchanged. The tables named are collected as they are seen.
 */
final class SchemaRedirect extends DelegatingDataSource {

    /** Prefix of a statement meant for the live schema. */
    static final String LIVE = "/* live */ ";

    private static final Pattern READ_MODEL_TABLE = Pattern.compile("\\bread_model\\.(\\w+)");

    private final String shadow;
    private final Set<String> tables;

    SchemaRedirect(DataSource target, String shadow, Set<String> tables) {
        super(target);
        this.shadow = shadow;
        this.tables = tables;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return proxy(Connection.class, super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return proxy(Connection.class, super.getConnection(username, password));
    }

    /** The SQL with its {@code read_model} tables in the shadow schema. */
    String rewrite(String sql) {
        if (sql.startsWith(LIVE)) {
            return sql;
        }
        Matcher matcher = READ_MODEL_TABLE.matcher(sql);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            tables.add(matcher.group(1));
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(shadow + "." + matcher.group(1)));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }

    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, arguments) -> invoke(target, method, arguments);
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, handler));
    }

    private Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        if (arguments != null && arguments.length > 0 && arguments[0] instanceof String sql
                && rewritesFirstArgument(method)) {
            arguments[0] = rewrite(sql);
        }
        Object result;
        try {
            result = method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Statement statement && method.getName().equals("createStatement")) {
            return proxy(Statement.class, statement);
        }
        return result;
    }

    private static boolean rewritesFirstArgument(Method method) {
        return switch (method.getName()) {
            case "prepareStatement", "prepareCall", "nativeSQL", "execute", "executeQuery", "executeUpdate",
                 "executeLargeUpdate", "addBatch" -> true;
            default -> false;
        };
    }
}
