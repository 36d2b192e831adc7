package dev.verity.platform.outbox;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/** Sorts what the producer reports for one send, so the relay parks only what Kafka can never take. */
final class SendFailures {

    enum Kind {
        /** Kafka will never take this record (too large, invalid topic): park the row, go on with the others. */
        UNSENDABLE,
        /** The broker is away or busy (timeouts, leader elections, not enough replicas): back off and try again. */
        TRANSIENT,
        /** The producer itself is unusable (fenced, closed, out of sequence, refused credentials): replace it. */
        FATAL
    }

    private SendFailures() {
    }

    static Kind classify(Throwable failure) {
        if (failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof SerializationException) {
            return Kind.UNSENDABLE;
        }
        if (failure instanceof RetriableException || failure instanceof java.util.concurrent.TimeoutException) {
            return Kind.TRANSIENT;
        }
        if (failure instanceof org.apache.kafka.common.KafkaException || failure instanceof IllegalStateException) {
            return Kind.FATAL;
        }
        return Kind.TRANSIENT; // e.g. the database went away mid-pass: nothing wrong with the producer
    }
}
