/**
 * The e-mail destination: OrderCloud Message Sender e-mails and the hub's own order notices, from
 * Handlebars templates (Mandrill-style variables) over the message's merge variables ({@link
 * MessageModel}), composed into MIME messages and sent over SMTP or written to the file outbox.
 */
package com.ordercloudhub.hub.destination.email;
