package org.sockets.xmlrpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sockets.xmlrpc.internal.XmlRpcWriter;

/**
 * One call of a {@link XmlRpcClient#multicall(List) system.multicall}: a method name and its
 * parameters. Parameters are checked when the batch is encoded, before anything is sent.
 *
 * {@snippet :
 * List<XmlRpcResult> results = client.multicall(List.of(
 *         XmlRpcCall.of("add", 2, 3),
 *         XmlRpcCall.of("divide", 1, 0)));
 * }
 *
 * @param method the method name: not empty, characters XML 1.0 allows
 * @param params the parameters (an unmodifiable copy; elements may be null for {@code nil})
 */
public record XmlRpcCall(String method, List<Object> params) {

    /**
     * Checks the method name and copies the parameters.
     *
     * @throws IllegalArgumentException if the method name is empty or holds a character XML
     *         cannot carry
     */
    public XmlRpcCall {
        XmlRpcWriter.checkMethodName(method);
        params = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(params, "params")));
    }

    /**
     * A call with its parameters.
     *
     * @param method the method name
     * @param params the parameters, in order
     * @return the call
     */
    public static XmlRpcCall of(String method, Object... params) {
        return new XmlRpcCall(method, Arrays.asList(params.clone()));
    }
}
