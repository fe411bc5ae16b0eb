package dev.rowcast.query.runtime;

import dev.rowcast.settings.InvalidSettingException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Every error a source can meet, sorted in one place: retry it, or stop the source with its message. */
public final class ErrorClassifier {

    public enum Kind {
        /** The database or Kafka is away or busy: back off and retry; the position does not move. */
        TRANSIENT,
        /** Retrying cannot help (bad SQL, missing permission or column, fenced by a newer instance): stop the source. */
        PERMANENT
    }

    /** SQL Server errors that no retry fixes: syntax, unknown column or object, permission denied. */
    private static final Set<Integer> SQLSERVER_PERMANENT = Set.of(102, 105, 156, 207, 208, 209, 229, 230, 262, 297, 4104, 8114);

    private ErrorClassifier() {
    }

    public static Kind classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidSettingException) {
                return Kind.PERMANENT;
            }
            if (c instanceof SQLException sql) {
                return classify(sql);
            }
            if (c instanceof ProducerFencedException || c instanceof TransactionalIdAuthorizationException
                    || c instanceof AuthorizationException || c instanceof AuthenticationException
                    || c instanceof InvalidTopicException || c instanceof RecordTooLargeException) {
                return Kind.PERMANENT;
            }
            if (c instanceof KafkaException) {
                return Kind.TRANSIENT;
            }
        }
        return t instanceof RuntimeException || t instanceof Error ? Kind.PERMANENT : Kind.TRANSIENT;
    }

    static Kind classify(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return Kind.TRANSIENT;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("40") || state.equals("HYT00") || state.equals("HYT01")
                || state.equals("57014") || state.startsWith("28")) {
            return Kind.TRANSIENT;
        }
        if (state.startsWith("42") || state.equals("0A000") || state.startsWith("22")) {
            return Kind.PERMANENT;
        }
        if (state.startsWith("S") && SQLSERVER_PERMANENT.contains(e.getErrorCode())) {
            return Kind.PERMANENT;
        }
        // H2 reports a broken or refused connection as 90067 / 90028 / 90098 (connection, IO, database closed)
        if (state.startsWith("9")) {
            return state.equals("90067") || state.equals("90028") || state.equals("90098") || state.equals("90121")
                    ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        return Kind.TRANSIENT;
    }

    /** One line for logs, status and health: the root cause's type and message. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t == root ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return t.getClass().getSimpleName() + ": " + message.replaceAll("\\s+", " ");
    }
}
