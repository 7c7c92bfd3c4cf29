/*
 * affinity.c - the CPU xlat shares with a lone tracee stays xlat's
 * business (cpushare.h): sched_getaffinity of the program's own threads
 * answers the mask it had, whether it is bound now or not;
 * sched_setaffinity, and a bound thread's open of a file named "status"
 * (what /proc/self/status and /proc/PID/task/TID/status are called, with
 * their Cpus_allowed lines), end the sharing before the call runs; a fork
 * or clone lets the thread go before the child can inherit the binding.
 */
#include "config.h"

#include <string.h>

#include "cpushare.h"
#include "mem.h"
#include "tables/sysent.h"
#include "translate/translate.h"

static void _need(const struct policy *p, bool *need)
{
	if (!cpushare_enabled())
		return;
	need[SYSID_sched_getaffinity] = true;
	need[SYSID_sched_setaffinity] = true;
	need[SYSID_clone] = true;
	need[SYSID_clone3] = true;
	need[SYSID_fork] = true;
	need[SYSID_vfork] = true;
}

/* The path argument of the open family, or -1. */
static int _open_path(int id)
{
	if (id == SYSID_open)
		return 0;
	if (id == SYSID_openat || id == SYSID_openat2)
		return 1;
	return -1;
}

/* Whether the file opened is named "status". */
static bool _status(const struct xcall *x, int i)
{
	char path[4096];
	const char *base;
	bool complete;
	ssize_t n;

	n = mem_read_str(x->tid, x->given[i], path, sizeof(path) - 1, &complete);
	if (n < 0)
		return false;
	path[n] = '\0';
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return strcmp(base, "status") == 0;
}

static int _enter(struct xcall *x)
{
	int i;

	if (!cpushare_enabled())
		return 0;
	if (x->id == SYSID_sched_getaffinity)
		return x->args[0] == 0 || (pid_t)x->args[0] == x->tid ||
		       (pid_t)x->args[0] == x->pid ? XH_EXIT : 0;
	if (x->id == SYSID_sched_setaffinity) {
		cpushare_end();
		return 0;
	}
	if (x->id == SYSID_clone || x->id == SYSID_clone3 ||
	    x->id == SYSID_fork || x->id == SYSID_vfork) {
		cpushare_release();
		return 0;
	}
	/* A thread is not bound at an open (the file is not open yet for the
	   check before a binding): only a bound thread's opens are read. */
	i = _open_path(x->id);
	if (i < 0)
		return 0;
	if (!cpushare_bound())
		cpushare_not_now();
	else if (_status(x, i))
		cpushare_end();
	return 0;
}

static bool _on_exit(struct xcall *x)
{
	unsigned char mask[1024];
	size_t n;

	if (x->id != SYSID_sched_getaffinity || x->ret <= 0 || !cpushare_enabled())
		return false;
	n = (size_t)x->ret < sizeof(mask) ? (size_t)x->ret : sizeof(mask);
	memset(mask, 0, n);
	cpushare_mask(mask, n);
	mem_write(x->tid, x->args[2], mask, n);
	/* The result is the kernel's; only the mask is the program's own. */
	return false;
}

const struct translator translate_affinity = {
	.name = "affinity",
	.need = _need,
	.enter = _enter,
	.exit = _on_exit,
};
