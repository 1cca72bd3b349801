package io.customertimeline.connectors.opencart;

import java.util.Map;

/** The reader against OpenCart 4.x tables: methods stored as JSON. */
class OpenCart4ReaderTest extends OpenCartReaderContract {

    @Override
    String schemaResource() {
        return "/opencart/opencart-4.x.sql";
    }

    @Override
    Map<String, Object> methods(String payment, String paymentCode, String shipping, String shippingCode) {
        return Map.of("payment_method", "{\"name\":\"" + payment + "\",\"code\":\"" + paymentCode + "." + paymentCode + "\"}",
                "shipping_method", "{\"name\":\"" + shipping + "\",\"code\":\"" + shippingCode + "\",\"cost\":\"100.00\",\"tax_class_id\":\"0\",\"text\":\"R100.00\"}",
                "language_code", "en-gb");
    }

    @Override
    String expectedGeneration() {
        return "4.x";
    }
}
