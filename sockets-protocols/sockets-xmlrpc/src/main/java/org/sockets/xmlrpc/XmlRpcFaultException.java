package org.sockets.xmlrpc;

import java.util.Objects;
import org.sockets.protocol.NegativeReplyException;

/**
 * The server answered a call with an XML-RPC fault (Python's {@code xmlrpc.client.Fault}): its
 * {@code faultCode} and {@code faultString}. The connection is fine; the call failed.
 *
 * {@snippet :
 * try {
 *     client.call("divide", 1, 0);
 * } catch (XmlRpcFaultException fault) {
 *     System.out.println(fault.faultCode() + ": " + fault.faultString());
 * }
 * }
 */
public class XmlRpcFaultException extends NegativeReplyException {

    private static final long serialVersionUID = 1L;

    /** The fault's code. */
    private final int faultCode;
    /** The fault's text. */
    private final String faultString;

    /**
     * A fault of a call.
     *
     * @param method      the method called, e.g. {@code "divide"}
     * @param faultCode   the fault's code
     * @param faultString the fault's text
     */
    public XmlRpcFaultException(String method, int faultCode, String faultString) {
        super(Objects.requireNonNull(method, "method"), Integer.toString(faultCode), faultString);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /**
     * The fault's code, as the server chose it.
     *
     * @return the {@code faultCode} member
     */
    public int faultCode() {
        return faultCode;
    }

    /**
     * The fault's text.
     *
     * @return the {@code faultString} member
     */
    public String faultString() {
        return faultString;
    }
}
