#!/bin/sh
# A real SMTP server on 127.0.0.1:25 for the `ar-desk remind` tests (issue 19): Debian's postfix,
# loopback only, delivering every address @ar-desk.test into the Maildir
# /var/mail/ar-desk/ar-desk.test/inbox/ (one copy per recipient, named in Delivered-To). refuse@ar-desk.test is refused (554 5.1.1) so the
# tests can prove a refused recipient is reported and never recorded as sent. Nothing is ever
# relayed: mail for any other domain is refused.
#
# Idempotent: when postfix already answers on 127.0.0.1:25 with this configuration it returns
# at once, touching neither apt nor the network. Must run as root. Exit status 0 when the server
# is up, 1 otherwise (the tests then skip, visibly).
set -eu

DOMAIN=ar-desk.test
BASE=/var/mail/ar-desk
MARK=/etc/postfix/ar-desk.configured.2

listening() {
  # bash-less probe of 127.0.0.1:25 (no DNS, no other address)
  if command -v nc >/dev/null 2>&1; then nc -z -w 2 127.0.0.1 25 >/dev/null 2>&1; return $?; fi
  timeout 3 sh -c 'exec 3<>/dev/tcp/127.0.0.1/25' 2>/dev/null || \
    timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/25' 2>/dev/null
}

if [ -f "$MARK" ] && listening; then
  echo "start-mail: postfix already listening on 127.0.0.1:25"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "start-mail: must run as root" >&2
  exit 1
fi

if ! command -v postfix >/dev/null 2>&1; then
  echo "start-mail: installing postfix"
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string localhost" | debconf-set-selections
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 apt-get install -y --no-install-recommends postfix >/dev/null 2>&1; then
    timeout 300 apt-get update >/dev/null 2>&1 || true
    timeout 600 apt-get install -y --no-install-recommends postfix >/dev/null
  fi
fi

# The mailbox owner: the owner of the project (so the tests can read the mail) unless that is
# root (postfix refuses to deliver as uid 0): then a dedicated user.
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
OWNER=$(stat -c %u "$ROOT_DIR")
if [ "$OWNER" -lt 100 ]; then
  id ardeskmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin ardeskmail
  OWNER=$(id -u ardeskmail)
fi
GROUP=$(id -g "$(getent passwd "$OWNER" | cut -d: -f1)" 2>/dev/null || echo "$OWNER")
mkdir -p "$BASE/$DOMAIN"
chown -R "$OWNER:$GROUP" "$BASE"
chmod 755 "$BASE" "$BASE/$DOMAIN"

# Every address of the domain into one Maildir (postfix allows no $1 in virtual_mailbox_maps);
# each copy carries its envelope recipient in Delivered-To and X-Original-To.
cat > /etc/postfix/ar-desk-mailboxes <<MAP
/@ar-desk\.test\$/ $DOMAIN/inbox/
MAP
cat > /etc/postfix/ar-desk-refuse <<MAP
/^refuse@ar-desk\.test\$/ REJECT 5.1.1 mailbox refused (ar-desk test)
MAP

postconf -e \
  "myhostname = localhost" \
  "mydomain = localdomain" \
  "myorigin = localhost" \
  "mydestination = localhost" \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mynetworks = 127.0.0.0/8" \
  "relayhost =" \
  "default_transport = error:ar-desk test server relays nothing" \
  "relay_transport = error:ar-desk test server relays nothing" \
  "smtp_dns_support_level = disabled" \
  "smtpd_tls_security_level = none" \
  "smtpd_peername_lookup = no" \
  "smtpd_delay_reject = yes" \
  "smtpd_recipient_restrictions = check_recipient_access regexp:/etc/postfix/ar-desk-refuse, permit_mynetworks, reject_unauth_destination" \
  "virtual_mailbox_domains = $DOMAIN" \
  "virtual_mailbox_base = $BASE" \
  "virtual_mailbox_maps = regexp:/etc/postfix/ar-desk-mailboxes" \
  "virtual_minimum_uid = 100" \
  "virtual_uid_maps = static:$OWNER" \
  "virtual_gid_maps = static:$GROUP" \
  "message_size_limit = 20480000" \
  "maillog_file = /var/log/postfix.log"
# No chroot: `postfix start` outside the Debian init script does not populate one.
postconf -F '*/*/chroot = n'
touch /etc/postfix/aliases 2>/dev/null || true
newaliases 2>/dev/null || true

if postfix status >/dev/null 2>&1; then postfix reload >/dev/null 2>&1; else postfix start >/dev/null 2>&1; fi
touch "$MARK"

# Wait for the listener (loopback only), at most ~20 s.
i=0
while ! listening; do
  i=$((i + 1))
  if [ $i -gt 40 ]; then echo "start-mail: postfix did not start listening" >&2; exit 1; fi
  sleep 0.5
done
echo "start-mail: postfix listening on 127.0.0.1:25 (mail under $BASE/$DOMAIN)"
