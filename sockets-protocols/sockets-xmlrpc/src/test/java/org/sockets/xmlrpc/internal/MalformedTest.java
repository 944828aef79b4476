package org.sockets.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.xmlrpc.internal.Docs.read;
import static org.sockets.xmlrpc.internal.Docs.response;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.xmlrpc.XmlRpcCall;
import org.sockets.xmlrpc.internal.Multicall;

/** Documents that are not XML-RPC responses: each one a MalformedReplyException naming what is wrong. */
@ExtendWith(NoDescriptorLeaks.class)
class MalformedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        int too big               | <int>2147483648</int>                           | is a decimal integer from -2147483648 to 2147483647
        i4 too small              | <i4>-2147483649</i4>                            | is a decimal integer
        i8 too big                | <i8>9223372036854775808</i8>                    | is a decimal integer from -9223372036854775808
        int with a point          | <int>1.0</int>                                  | not "1.0"
        int with underscores      | <int>1_000</int>                                | not "1_000"
        int empty                 | <int></int>                                     | not ""
        int in hex                | <int>0x10</int>                                 | not "0x10"
        boolean true              | <boolean>true</boolean>                         | a <boolean> is 0 or 1
        boolean 2                 | <boolean>2</boolean>                            | a <boolean> is 0 or 1
        double hex                | <double>0x1p3</double>                          | is a decimal number
        double java suffix        | <double>1.0d</double>                           | is a decimal number
        double Infinity word      | <double>Infinityy</double>                      | is a decimal number
        double empty              | <double/>                                       | is a decimal number
        date garbage              | <dateTime.iso8601>yesterday</dateTime.iso8601>  | is YYYYMMDDTHH:MM:SS
        date with zone            | <dateTime.iso8601>20261206T18:05:09Z</dateTime.iso8601> | is YYYYMMDDTHH:MM:SS
        date month 13             | <dateTime.iso8601>20261306T18:05:09</dateTime.iso8601> | is no date
        base64 bad char           | <base64>aGk*</base64>                           | U+002A in a <base64>
        base64 bad length         | <base64>aGk=a</base64>                          | base64 text after its padding
        base64 one char           | <base64>a</base64>                              | bad base64
        base64 inner padding      | <base64>aG==aGk=</base64>                       | base64 text after its padding
        unknown type              | <float>1.0</float>                              | <float> is not an XML-RPC type
        text beside a type        | x<int>1</int>                                   | text beside <int>
        two types                 | <int>1</int><int>2</int>                        | expected </value>, found <int>
        element in a string       | <string>a<b/></string>                          | <b> inside string value
        element in an int         | <int><i4>1</i4></int>                           | <i4> inside text of an <int>
        element in base64         | <base64><x/></base64>                           | <x> inside a <base64>
        nil with text             | <nil>x</nil>                                    | a <nil/> holds text
        struct member order       | <struct><member><value>1</value><name>a</name></member></struct> | expected <name>, found <value>
        struct duplicate          | <struct><member><name>a</name><value>1</value></member><member><name>a</name><value>2</value></member></struct> | has the member "a" twice
        struct text               | <struct>text</struct>                           | text where an element belongs
        struct stranger           | <struct><value/></struct>                       | expected <member>, found <value>
        array without data        | <array><value>1</value></array>                 | expected <data>, found <value>
        array stranger            | <array><data><member/></data></array>           | expected <value>, found <member>
        array text                | <array><data>1</data></array>                   | text where an element belongs
        """)
    void badValues(String name, String valueXml, String message) {
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> read(response(valueXml)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("(line "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        empty                     | ``                                              | not well-formed XML
        not xml                   | HTTP/1.1 200 OK                                  | not well-formed XML
        html                      | <html><body>Bad Gateway</body></html>           | expected <methodResponse>, found <html>
        a methodCall              | <methodCall><methodName>x</methodName></methodCall> | expected <methodResponse>, found <methodCall>
        no params                 | <methodResponse/>                               | expected <params> or <fault>
        empty params              | <methodResponse><params></params></methodResponse> | expected <param>, found </params>
        two params                | <methodResponse><params><param><value>1</value></param><param><value>2</value></param></params></methodResponse> | exactly one param
        param without value       | <methodResponse><params><param>1</param></params></methodResponse> | text where an element belongs
        other child               | <methodResponse><result/></methodResponse>      | holds <params> or <fault>, not <result>
        cut                       | <methodResponse><params><param><value><string>abc | not well-formed XML
        unbalanced                | <methodResponse><params><param><value>1</value></param></params></methodCall> | not well-formed XML
        trailing element          | <methodResponse><params><param><value>1</value></param></params></methodResponse><x/> | not well-formed XML
        trailing text             | <methodResponse><params><param><value>1</value></param></params></methodResponse>text | not well-formed XML
        control character         | <methodResponse><params><param><value>&#1;</value></param></params></methodResponse> | not well-formed XML
        undeclared entity         | <methodResponse><params><param><value>&nbsp;</value></param></params></methodResponse> | not well-formed XML
        """)
    void badDocuments(String name, String doc, String message) {
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> read(doc));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not an array     | <int>1</int>                                                                    | returned a Integer
        too few          | <array><data><value><array><data><value>1</value></data></array></value></data></array> | returned an array of 1
        two values       | <array><data><value><array><data><value>1</value><value>2</value></data></array></value><value><array><data><value>1</value></data></array></value></data></array> | result 0 (a) is neither
        a bare value     | <array><data><value>1</value><value>2</value></data></array>                     | result 0 (a) is neither
        """)
    void badMulticallResults(String name, String valueXml, String message) throws Exception {
        Object v = read(response(valueXml)).value();
        MalformedReplyException e = assertThrows(MalformedReplyException.class,
                () -> Multicall.results(List.of(XmlRpcCall.of("a"), XmlRpcCall.of("b")), v));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
