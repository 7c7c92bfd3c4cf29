/*
 * decode/net.c - sockets: socket addresses (unix, inet, inet6, netlink),
 * msghdr and mmsghdr with their iovecs, and i386 socketcall decoded as its
 * subcall (whose arguments go back to the walk through decode_subarg).
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/prim.h"
#include "mem.h"

void decode_sockaddr(struct dctx *c, uint64_t addr, uint64_t len, struct jbuf *b)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
		struct sockaddr_un un;
		struct sockaddr_nl nl;
		uint8_t raw[128];
	} u;
	char ip[INET6_ADDRSTRLEN];
	const char *fam;
	size_t n;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (len < 2 || len > sizeof(u)) {
		if (len > sizeof(u))
			len = sizeof(u);
		else {
			decode_ptr(b, addr);
			return;
		}
	}
	memset(&u, 0, sizeof(u));
	if (!decode_fetch(c, addr, &u, len, b))
		return;
	jb_obj_begin(b);
	jb_key(b, "sa_family");
	fam = xlat_name(XT_af, u.sa.sa_family);
	if (fam)
		jb_str(b, fam);
	else
		jb_uint(b, u.sa.sa_family);
	switch (u.sa.sa_family) {
	case AF_UNIX:
		n = len - offsetof(struct sockaddr_un, sun_path);
		if (n > 0 && u.un.sun_path[0] == '\0') {
			/* Abstract: a name of exactly n - 1 bytes after the NUL. */
			jb_key(b, "sun_path");
			jb_bytes(b, u.un.sun_path + 1, n - 1);
			jb_key(b, "abstract");
			jb_bool(b, true);
		} else {
			jb_key(b, "sun_path");
			jb_bytes(b, u.un.sun_path, strnlen(u.un.sun_path, n));
		}
		break;
	case AF_INET:
		jb_key(b, "sin_port");
		jb_uint(b, ntohs(u.in.sin_port));
		jb_key(b, "sin_addr");
		inet_ntop(AF_INET, &u.in.sin_addr, ip, sizeof(ip));
		jb_str(b, ip);
		break;
	case AF_INET6:
		jb_key(b, "sin6_port");
		jb_uint(b, ntohs(u.in6.sin6_port));
		jb_key(b, "sin6_flowinfo");
		jb_uint(b, ntohl(u.in6.sin6_flowinfo));
		jb_key(b, "sin6_addr");
		inet_ntop(AF_INET6, &u.in6.sin6_addr, ip, sizeof(ip));
		jb_str(b, ip);
		jb_key(b, "sin6_scope_id");
		jb_uint(b, u.in6.sin6_scope_id);
		break;
	case AF_NETLINK:
		jb_key(b, "nl_pid");
		jb_uint(b, u.nl.nl_pid);
		jb_key(b, "nl_groups");
		jb_hex(b, u.nl.nl_groups);
		break;
	default:
		jb_key(b, "sa_data");
		jb_bytes(b, u.raw + 2, len - 2);
	}
	jb_obj_end(b);
}

/* struct msghdr: name, namelen, iov, iovlen, control, controllen, flags;
   pointers and size_t are ABI words, namelen and flags ints. */
void decode_msghdr(struct dctx *c, int i, uint64_t addr, bool out, struct jbuf *b)
{
	uint8_t raw[56];
	unsigned int w = decode_wordsize(c);
	uint64_t name, iov, iovlen, control, controllen;
	uint32_t namelen;
	int32_t flags;

	if (!decode_fetch(c, addr, raw, 7 * w, b))
		return;
	name = (uint64_t)decode_word(c, raw, false);
	memcpy(&namelen, raw + w, 4);
	iov = (uint64_t)decode_word(c, raw + 2 * w, false);
	iovlen = (uint64_t)decode_word(c, raw + 3 * w, false);
	control = (uint64_t)decode_word(c, raw + 4 * w, false);
	controllen = (uint64_t)decode_word(c, raw + 5 * w, false);
	memcpy(&flags, raw + 6 * w, 4);
	jb_obj_begin(b);
	jb_key(b, "msg_name");
	decode_sockaddr(c, name, namelen, b);
	jb_key(b, "msg_namelen");
	jb_uint(b, namelen);
	jb_key(b, "msg_iov");
	decode_iovec(c, i, iov, iovlen, out ? c->rval : -1, b);
	jb_key(b, "msg_iovlen");
	jb_uint(b, iovlen);
	jb_key(b, "msg_control");
	decode_ptr(b, control);
	jb_key(b, "msg_controllen");
	jb_uint(b, controllen);
	jb_key(b, "msg_flags");
	decode_flags(XT_msg, (uint32_t)flags, b);
	jb_obj_end(b);
}

/* struct mmsghdr: a msghdr and an unsigned int msg_len. */
void decode_mmsghdr(struct dctx *c, int i, uint64_t addr, uint64_t n, bool out, struct jbuf *b)
{
	unsigned int w = decode_wordsize(c), size = 8 * w;	/* 7 words + len, padded */
	uint64_t k;
	uint32_t len;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (n > 16)
		n = 16;
	jb_arr_begin(b);
	for (k = 0; k < n; k++) {
		uint64_t a = addr + k * size;
		struct dctx sub = *c;

		jb_obj_begin(b);
		jb_key(b, "msg_hdr");
		if (out && mem_read(c->tid, a + 7 * w, &len, 4) == 0)
			sub.rval = len;
		decode_msghdr(&sub, i, a, out, b);
		jb_key(b, "msg_len");
		if (mem_read(c->tid, a + 7 * w, &len, 4) == 0)
			jb_uint(b, len);
		else
			jb_null(b);
		jb_obj_end(b);
	}
	jb_arr_end(b);
}

/* i386 socketcall(call, args): args points to the subcall's arguments as
   an array of 32-bit words.  Shown as {"addr", "call", "args": {...}} with
   the subcall's arguments decoded by its own signature. */
void decode_socketcall(struct dctx *c, int i, struct jbuf *b)
{
	static const char *const subcalls[] = {
		NULL, "socket", "bind", "connect", "listen", "accept",
		"getsockname", "getpeername", "socketpair", "send", "recv",
		"sendto", "recvfrom", "shutdown", "setsockopt", "getsockopt",
		"sendmsg", "recvmsg", "accept4", "recvmmsg", "sendmmsg",
	};
	uint32_t call = (uint32_t)c->args[0], words[6];
	uint64_t addr = (uint32_t)decode_value(c, i), regs[6];
	const struct sysent *se = NULL;
	struct dctx sub;
	uint8_t trunc = 0;
	unsigned int k;
	long nr;

	if (call == 0 || call >= sizeof(subcalls) / sizeof(subcalls[0])) {
		decode_ptr(b, addr);
		return;
	}
	for (k = 0; k < sysent_count; k++)
		if (strcmp(sysent_table[k].name, subcalls[call]) == 0) {
			se = &sysent_table[k];
			/* Prefer the i386 signature where it differs. */
			nr = sysent_nr(ABI_I386, k);
			if (nr >= 0 && sysent_get(ABI_I386, nr))
				se = sysent_get(ABI_I386, nr);
			break;
		}
	if (!se || mem_read(c->tid, addr, words, 4 * se->nargs) < 0) {
		if (addr && !se)
			decode_ptr(b, addr);
		else
			decode_fault(b, addr);
		return;
	}
	memset(regs, 0, sizeof(regs));
	for (k = 0; k < se->nargs && k < 6; k++)
		regs[k] = words[k];
	sub = *c;
	sub.se = se;
	sub.args = regs;
	sub.truncated = &trunc;
	jb_obj_begin(b);
	jb_key(b, "addr");
	jb_hex(b, addr);
	jb_key(b, "call");
	jb_str(b, se->name);
	jb_key(b, "args");
	jb_obj_begin(b);
	for (k = 0; k < se->nargs; k++) {
		jb_key(b, se->args[k].name);
		decode_subarg(&sub, k, b);
	}
	jb_obj_end(b);
	jb_obj_end(b);
	if (trunc)
		*c->truncated |= 1u << i;
}
