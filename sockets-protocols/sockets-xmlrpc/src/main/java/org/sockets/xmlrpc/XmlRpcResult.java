package org.sockets.xmlrpc;

/**
 * What one call of a {@link XmlRpcClient#multicall(java.util.List) system.multicall} gave: a
 * value or a fault. {@link #value()} returns the value or throws the fault, as Python's
 * {@code MultiCallIterator} does; a {@code switch} over the two records sees both.
 *
 * {@snippet :
 * for (XmlRpcResult r : client.multicall(calls)) {
 *     switch (r) {
 *         case XmlRpcResult.Returned(Object v) -> System.out.println("ok " + v);
 *         case XmlRpcResult.Faulted f -> System.out.println("fault " + f.faultCode() + " " + f.faultString());
 *     }
 * }
 * }
 */
public sealed interface XmlRpcResult permits XmlRpcResult.Returned, XmlRpcResult.Faulted {

    /**
     * The call's value, or its fault thrown.
     *
     * @return the value (null only for {@code nil})
     * @throws XmlRpcFaultException if the call faulted
     */
    Object value() throws XmlRpcFaultException;

    /**
     * The call returned a value.
     *
     * @param value the value, mapped as the package says (null only for {@code nil})
     */
    record Returned(Object value) implements XmlRpcResult {
    }

    /**
     * The call faulted.
     *
     * @param method      the method called
     * @param faultCode   the fault's code
     * @param faultString the fault's text
     */
    record Faulted(String method, int faultCode, String faultString) implements XmlRpcResult {

        /** Checks the parts are there. */
        public Faulted {
            java.util.Objects.requireNonNull(method, "method");
            java.util.Objects.requireNonNull(faultString, "faultString");
        }

        /**
         * Always throws the fault.
         *
         * @return never
         * @throws XmlRpcFaultException always
         */
        @Override
        public Object value() throws XmlRpcFaultException {
            throw exception();
        }

        /**
         * The fault as an exception, to throw or to keep.
         *
         * @return a new exception with this fault's code and text
         */
        public XmlRpcFaultException exception() {
            return new XmlRpcFaultException(method, faultCode, faultString);
        }
    }
}
