package org.sockets.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sockets.protocol.LimitExceededException;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.xmlrpc.XmlRpcLimits;

/**
 * The decoder alone, in a 64 MiB heap: a gibibyte in each place a document can hold one is
 * refused by the limit that covers that place, with the default limits, and never held. (The JDK's
 * parser hands text over in pieces of at most 16 Ki units, but a CDATA section, an attribute or a
 * comment whole: the document limit bounds those.)
 */
@Tag("small-heap")
@ExtendWith(NoDescriptorLeaks.class)
class CodecSmallHeapTest {

    static final long GIB = 1L << 30;
    static final String OPEN = "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>";

    @BeforeAll
    static void smallHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 64L << 20,
                "this class must run with -Xmx64m (surefire's small-heap execution), max heap is " + Runtime.getRuntime().maxMemory());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        string            | <string>                                   | x | string value (UTF-16 units)   | 8388608
        untyped value     | ''                                          | x | string value (UTF-16 units)   | 8388608
        member name       | <struct><member><name>                      | x | struct member name            | 8388608
        base64            | <base64>                                    | A | base64 value (decoded bytes)  | 8388608
        int               | <int>                                       | 1 | text of an <int>              | 1024
        comment           | <!--                                        | x | XML-RPC response document     | 16777216
        cdata             | <string><![CDATA[                           | x | XML-RPC response document     | 16777216
        whitespace        | <array><data>                               | ' ' | XML-RPC response document   | 16777216
        """)
    void aGibibyteIsRefused(String name, String prefix, String fill, String what, long limit) {
        InputStream doc = Docs.generated(OPEN + prefix, GIB, fill.charAt(0), "");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> XmlRpcReader.readResponse(doc, "m", XmlRpcLimits.defaults(), false));
        assertEquals(limit, e.limit());
        assertTrue(e.getMessage().startsWith(what), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        attribute         | '<methodResponse a="'
        doctype           | '<!DOCTYPE methodResponse [<!-- '
        processing instr. | '<?pi '
        """)
    void aGibibyteOutsideValuesMeetsTheDocumentLimit(String name, String prefix) {
        InputStream doc = Docs.generated(prefix, GIB, 'x', "");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> XmlRpcReader.readResponse(doc, "m", XmlRpcLimits.defaults(), false));
        assertEquals(16 << 20, e.limit());
    }
}
