/*
 * socketcall.c - i386's socketcall multiplexer as the policy sees it:
 * which rules concern the calls it stands for (compile.c traps it then),
 * and the call and arguments one socketcall stands for (evaluate.c
 * decides by those).  It uses the rule model and mem.c.
 */
#include "config.h"

#include <string.h>

#include "internal.h"
#include "mem.h"
#include "tables/sysent.h"

/* i386's socketcall(call, args): the call it stands for, by SYS_* number
   (linux/net.h), and how many 32-bit arguments it reads from args. */
static const struct { const char *name; int nargs; } _socketcalls[] = {
	[1] = { "socket", 3 }, [2] = { "bind", 3 }, [3] = { "connect", 3 },
	[4] = { "listen", 2 }, [5] = { "accept", 3 }, [6] = { "getsockname", 3 },
	[7] = { "getpeername", 3 }, [8] = { "socketpair", 4 }, [9] = { "send", 4 },
	[10] = { "recv", 4 }, [11] = { "sendto", 6 }, [12] = { "recvfrom", 6 },
	[13] = { "shutdown", 2 }, [14] = { "setsockopt", 5 }, [15] = { "getsockopt", 5 },
	[16] = { "sendmsg", 3 }, [17] = { "recvmsg", 3 }, [18] = { "accept4", 4 },
	[19] = { "recvmmsg", 5 }, [20] = { "sendmmsg", 4 },
};

int policy_socketcall_id(const char *name)
{
	unsigned int id;

	for (id = 0; id < sysent_count; id++)
		if (strcmp(sysent_table[id].name, name) == 0 && sysent_nr(ABI_I386, id) >= 0)
			return id;
	for (id = 0; id < sysent_count; id++)
		if (strcmp(sysent_table[id].name, name) == 0)
			return id;
	return -1;
}

bool policy_socketcall_selected(const struct policy *p)
{
	unsigned int k;
	int i, id;

	for (i = 0; i < p->nrules; i++) {
		if (p->rules[i].action == PA_ALLOW && !p->rules[i].npaths && !p->rules[i].nconds)
			continue;
		for (k = 1; k < N(_socketcalls); k++) {
			id = policy_socketcall_id(_socketcalls[k].name);
			if (id >= 0 && policy_selects(&p->rules[i], ABI_I386, id))
				return true;
		}
	}
	return p->def != PA_ALLOW;
}

/* The call a socketcall stands for, with its arguments read from the
   tracee (a copy: another thread may change them after the decision). */
int pol_unmux_socketcall(pid_t tid, const uint64_t args[6], uint64_t inner[6])
{
	uint32_t a[6];
	uint64_t call = args[0] & 0xffffffffu;
	int i, n;

	if (call < 1 || call >= N(_socketcalls) || !_socketcalls[call].name)
		return -1;
	n = _socketcalls[call].nargs;
	if (mem_read(tid, args[1] & 0xffffffffu, a, n * sizeof(a[0])) < 0)
		return -1;
	memset(inner, 0, 6 * sizeof(inner[0]));
	for (i = 0; i < n; i++)
		inner[i] = a[i];
	return policy_socketcall_id(_socketcalls[call].name);
}
