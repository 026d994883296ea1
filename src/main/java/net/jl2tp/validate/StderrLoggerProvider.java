package net.jl2tp.validate;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.LoggerProvider;

/**
 * Where Hibernate Validator's log goes. It logs through jboss-logging, which finds this provider
 * with the service loader (META-INF/services): warnings and errors go to stderr, one line each,
 * prefixed like every other message of the tool; info and debug go nowhere. Without it,
 * jboss-logging falls back to java.util.logging, whose set-up costs a tenth of a short run, and
 * which prints the validator's version at INFO on the stderr of a command-line tool.
 */
public final class StderrLoggerProvider implements LoggerProvider {
    @Override
    public Logger getLogger(String name) {
        return new StderrLogger(name, System.err);
    }

    /** A logger printing warnings and worse, as {@code jl2tp-apply: NAME: warning: TEXT}. */
    static final class StderrLogger extends Logger {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream err;

        StderrLogger(String name, PrintStream err) {
            super(name);
            this.err = err;
        }

        @Override
        public boolean isEnabled(Level level) {
            return level == Level.FATAL || level == Level.ERROR || level == Level.WARN;
        }

        @Override
        protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters,
                Throwable thrown) {
            if (isEnabled(level)) {
                String text = String.valueOf(message);
                print(level, parameters == null || parameters.length == 0 ? text : MessageFormat.format(text, parameters),
                        thrown);
            }
        }

        @Override
        protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters,
                Throwable thrown) {
            if (isEnabled(level)) {
                print(level, parameters == null ? format : String.format(format, parameters), thrown);
            }
        }

        private void print(Level level, String text, Throwable thrown) {
            String word = level == Level.WARN ? "warning" : level.name().toLowerCase(Locale.ROOT);
            err.println("jl2tp-apply: " + getName() + ": " + word + ": " + text
                    + (thrown == null ? "" : " (" + thrown + ")"));
        }
    }

    // jboss-logging's mapped and nested diagnostic contexts: the validator does not use them, and a
    // one-shot command has no request to tag.

    @Override
    public void clearMdc() {
    }

    @Override
    public Object putMdc(String key, Object value) {
        return null;
    }

    @Override
    public Object getMdc(String key) {
        return null;
    }

    @Override
    public void removeMdc(String key) {
    }

    @Override
    public Map<String, Object> getMdcMap() {
        return Map.of();
    }

    @Override
    public void clearNdc() {
    }

    @Override
    public String getNdc() {
        return null;
    }

    @Override
    public int getNdcDepth() {
        return 0;
    }

    @Override
    public String popNdc() {
        return "";
    }

    @Override
    public String peekNdc() {
        return "";
    }

    @Override
    public void pushNdc(String message) {
    }

    @Override
    public void setNdcMaxDepth(int maxDepth) {
    }
}
