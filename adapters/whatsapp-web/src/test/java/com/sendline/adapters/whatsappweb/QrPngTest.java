package com.sendline.adapters.whatsappweb;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QR payload to PNG and back: the image decodes to exactly the payload WhatsApp gave. */
class QrPngTest {
    /** The shape of a WhatsApp Web pairing payload: ref, then three base64 public keys, then "1". */
    private static String whatsappLikePayload(long seed) {
        Random random = new Random(seed);
        byte[] ref = new byte[60];
        random.nextBytes(ref);
        StringBuilder payload = new StringBuilder("2@" + Base64.getEncoder().encodeToString(ref));
        for (int i = 0; i < 3; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            payload.append(',').append(Base64.getEncoder().encodeToString(key));
        }
        return payload.append(",1").toString();
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG that ImageIO can read").isNotNull();
        Result result = new QRCodeReader().decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        return result.getText();
    }

    @Test
    void a_pairing_payload_survives_the_round_trip_through_a_png() throws Exception {
        String payload = whatsappLikePayload(1);

        byte[] png = QrPng.render(payload);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(QrPng.DEFAULT_SIZE);
        assertThat(decode(png)).isEqualTo(payload);
    }

    @Test
    void each_payload_draws_its_own_code_and_small_images_still_decode() throws Exception {
        String a = whatsappLikePayload(2);
        String b = whatsappLikePayload(3);

        assertThat(decode(QrPng.render(a, 256))).isEqualTo(a).isNotEqualTo(decode(QrPng.render(b, 256)));
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> QrPng.render("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrPng.render(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrPng.render("x".repeat(1_001))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrPng.render("x", 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
