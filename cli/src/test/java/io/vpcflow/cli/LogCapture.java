package io.vpcflow.cli;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log event of the CLI's log4j configuration, Kafka's clients included at INFO (where they print their whole
 * configuration), copied into a string while open; for tests that a secret never reaches the log.
 */
final class LogCapture implements AutoCloseable {
    private static final String NAME = "vpcflow-test-capture";
    private static final String[] LOGGERS = {"", "org.apache.kafka", "io.vpcflow"};

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level[] previous = new Level[LOGGERS.length];
    private final WriterAppender appender;

    LogCapture() {
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName(NAME).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        for (int i = 0; i < LOGGERS.length; i++) {
            LoggerConfig logger = config.getLoggerConfig(LOGGERS[i]);
            previous[i] = logger.getLevel();
            logger.setLevel(Level.INFO);
            logger.addAppender(appender, Level.INFO, null);
        }
        context.updateLoggers();
    }

    /** Everything logged so far. */
    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (int i = 0; i < LOGGERS.length; i++) {
            LoggerConfig logger = config.getLoggerConfig(LOGGERS[i]);
            logger.removeAppender(NAME);
            logger.setLevel(previous[i]);
        }
        context.updateLoggers();
        appender.stop();
    }
}
