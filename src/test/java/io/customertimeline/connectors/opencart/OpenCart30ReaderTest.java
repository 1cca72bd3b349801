package io.customertimeline.connectors.opencart;

import java.util.Map;

/** The reader against OpenCart 3.0.x tables: methods as plain names beside their codes. */
class OpenCart30ReaderTest extends OpenCartReaderContract {

    @Override
    String schemaResource() {
        return "/opencart/opencart-3.0.sql";
    }

    @Override
    Map<String, Object> methods(String payment, String paymentCode, String shipping, String shippingCode) {
        return Map.of("payment_method", payment, "payment_code", paymentCode,
                "shipping_method", shipping, "shipping_code", shippingCode);
    }

    @Override
    String expectedGeneration() {
        return "3.x";
    }
}
