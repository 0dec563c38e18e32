package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;

/** One channel's way out. Never throws: every failure is a {@link SendResult} with a reason. */
interface Sender {

    Channel channel();

    SendResult send(Outgoing message);
}
