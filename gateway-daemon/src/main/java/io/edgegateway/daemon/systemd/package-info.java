/** systemd integration: sd_notify (READY, WATCHDOG, STATUS, STOPPING) on $NOTIFY_SOCKET. */
@NullMarked
package io.edgegateway.daemon.systemd;

import org.jspecify.annotations.NullMarked;
