package org.sockets.xmlrpc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.xmlrpc.XmlRpcCall;
import org.sockets.xmlrpc.XmlRpcResult;

/**
 * {@code system.multicall} (the de-facto extension Python's {@code MultiCall} speaks): the calls
 * go as one array of {@code {methodName, params}} structs; the answer is an array with, per call,
 * a one-element array holding its value or a fault struct.
 */
public final class Multicall {

    /** The method name. */
    public static final String METHOD = "system.multicall";

    private Multicall() {
    }

    /**
     * The one parameter of a {@code system.multicall}.
     *
     * @param calls the calls
     * @return an array of {@code {methodName, params}} structs
     */
    public static List<Object> param(List<XmlRpcCall> calls) {
        List<Object> structs = new ArrayList<>(calls.size());
        for (XmlRpcCall c : calls) {
            structs.add(Map.of("methodName", c.method(), "params", c.params()));
        }
        return structs;
    }

    /**
     * Each call's result from the value {@code system.multicall} returned.
     *
     * @param calls the calls, in the order sent
     * @param value what the server returned
     * @return one result per call, in order
     * @throws MalformedReplyException if it is not an array with one value or fault per call
     */
    public static List<XmlRpcResult> results(List<XmlRpcCall> calls, Object value) throws MalformedReplyException {
        if (!(value instanceof List<?> list) || list.size() != calls.size()) {
            throw new MalformedReplyException("malformed XML-RPC response: system.multicall of " + calls.size()
                    + " calls returned " + (value instanceof List<?> l ? "an array of " + l.size() : "a " + type(value)));
        }
        List<XmlRpcResult> results = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String method = calls.get(i).method();
            XmlRpcResult.Faulted fault = XmlRpcReader.asFault(method, item);
            if (item instanceof List<?> one && one.size() == 1) {
                results.add(new XmlRpcResult.Returned(one.getFirst()));
            } else if (fault != null) {
                results.add(fault);
            } else {
                throw new MalformedReplyException("malformed XML-RPC response: system.multicall result " + i + " (" + method
                        + ") is neither a one-element array nor a fault struct: " + XmlRpcReader.describe(item));
            }
        }
        return List.copyOf(results);
    }

    private static String type(Object v) {
        return v == null ? "nil" : v.getClass().getSimpleName();
    }
}
