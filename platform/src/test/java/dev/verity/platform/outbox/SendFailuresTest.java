package dev.verity.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

    @Test
    void onlyWhatKafkaCanNeverTakeIsParked() {
        assertEquals(SendFailures.Kind.UNSENDABLE, SendFailures.classify(new RecordTooLargeException("2 MB")));
        assertEquals(SendFailures.Kind.TRANSIENT, SendFailures.classify(new TimeoutException("expired")));
        assertEquals(SendFailures.Kind.TRANSIENT, SendFailures.classify(new NotEnoughReplicasException("1 of 3")));
        assertEquals(SendFailures.Kind.TRANSIENT,
                SendFailures.classify(new java.util.concurrent.TimeoutException("no ack in 30 s")));
    }

    @Test
    void aProducerThatCannotGoOnIsReplacedNotTheRow() {
        assertEquals(SendFailures.Kind.FATAL, SendFailures.classify(new ProducerFencedException("fenced")));
        assertEquals(SendFailures.Kind.FATAL, SendFailures.classify(new KafkaException("producer closed")));
        assertEquals(SendFailures.Kind.FATAL, SendFailures.classify(new IllegalStateException("closed")));
    }
}
