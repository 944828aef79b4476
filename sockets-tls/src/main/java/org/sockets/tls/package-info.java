/** TLS endpoints, their options and their errors. */
package org.sockets.tls;
