package com.sendline.adapters.whatsappweb;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Draws a pairing QR payload as a PNG image (ZXing), for the API and the dashboard to show. */
public final class QrPng {
    /** Pixels per side by default: big enough for a phone camera at arm's length. */
    public static final int DEFAULT_SIZE = 400;
    private static final int MAX_SIZE = 2_000;
    private static final int MAX_PAYLOAD = 1_000;

    private QrPng() {
    }

    public static byte[] render(String payload) {
        return render(payload, DEFAULT_SIZE);
    }

    /**
     * @param size pixels per side; the code keeps the four-module quiet zone phones need
     * @throws IllegalArgumentException for an empty or oversized payload, or a size out of 64..2000
     */
    public static byte[] render(String payload, int size) {
        if (payload == null || payload.isEmpty() || payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a QR payload must have 1 to " + MAX_PAYLOAD + " characters");
        }
        if (size < 64 || size > MAX_SIZE) {
            throw new IllegalArgumentException("QR image size must be 64 to " + MAX_SIZE + " pixels: " + size);
        }
        BitMatrix matrix;
        try {
            // Level L like WhatsApp's own codes: the payload is long, and a screen is a clean surface.
            matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, size, size, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                    EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the payload does not fit a QR code: " + e.getMessage(), e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(8_192);
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
