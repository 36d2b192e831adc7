package dev.verity.card.imports;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads NDJSON one line at a time with a bound on the line's size: a line over the bound is skipped (its bytes read
 * and dropped, never kept) and reported, so one huge line costs no memory and does not spoil the rest of the upload.
 * Lines end at {@code \n}; a {@code \r} before it is dropped. Lines that are not UTF-8 are reported too.
 */
final class NdjsonLines {

    /** A line's text, or why it could not be read; {@code number} is 1-based. */
    record Line(int number, String text, String error) {
    }

    private final InputStream in;
    private final long maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private int number;

    NdjsonLines(InputStream in, long maxBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        buffer.reset();
        long length = 0;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        number++;
        while (b >= 0 && b != '\n') {
            length++;
            if (length <= maxBytes) {
                buffer.write(b);
            }
            b = in.read();
        }
        if (length > maxBytes) {
            return new Line(number, null, "the line has " + length + " bytes; a document may have at most " + maxBytes);
        }
        byte[] bytes = buffer.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(number, utf8(bytes, end), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not UTF-8 text");
        }
    }

    /** Strict UTF-8: malformed input is an error, not a replacement character. */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        return utf8(bytes, bytes.length);
    }

    private static String utf8(byte[] bytes, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }
}
