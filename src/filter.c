/*
 * filter.c - turn the set of trapped calls into a libseccomp filter.
 *
 * One context per ABI (so a rule can differ between x86_64 and i386),
 * merged into one.  libseccomp takes syscall numbers in the native ABI's
 * numbering and translates them by name; calls that exist only on i386 get
 * its negative pseudo-numbers, which it translates too.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "filter.h"
#include "tables/sysent.h"

static const char *const _never[] = {
	"exit", "exit_group", "rt_sigreturn", "sigreturn", "restart_syscall",
};

bool filter_never_trap(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(_never) / sizeof(_never[0]); i++)
		if (strcmp(name, _never[i]) == 0)
			return true;
	return false;
}

static const uint32_t _arch_token[ABI_COUNT] = {
	[ABI_X86_64] = SCMP_ARCH_X86_64,
	[ABI_I386] = SCMP_ARCH_X86,
};

static scmp_filter_ctx _abi_ctx(int abi, const bool *trap, bool trap_unknown, int *err)
{
	uint32_t def = trap_unknown ? SCMP_ACT_TRACE(0) : SCMP_ACT_ALLOW;
	scmp_filter_ctx ctx;
	unsigned int id;
	uint32_t act;
	int rc, nr;

	ctx = seccomp_init(def);
	if (!ctx) {
		*err = -ENOMEM;
		return NULL;
	}
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (!rc)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (!rc && abi != ABI_X86_64) {
		rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		if (!rc)
			rc = seccomp_arch_add(ctx, _arch_token[abi]);
	}
	for (id = 0; !rc && id < sysent_count; id++) {
		const char *name = sysent_table[id].name;

		if (sysent_nr(abi, id) < 0)
			continue;
		act = trap[id] && !filter_never_trap(name) ? SCMP_ACT_TRACE(0)
							   : SCMP_ACT_ALLOW;
		if (act == def)
			continue;
		nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR)
			continue;	/* not a name libseccomp knows */
		rc = seccomp_rule_add(ctx, act, nr, 0);
	}
	if (rc) {
		seccomp_release(ctx);
		*err = rc;
		return NULL;
	}
	return ctx;
}

scmp_filter_ctx filter_build(const bool *trap, bool trap_unknown)
{
	scmp_filter_ctx ctx64, ctx32;
	int err = 0, rc;

	ctx64 = _abi_ctx(ABI_X86_64, trap, trap_unknown, &err);
	if (!ctx64)
		goto out_err;
	ctx32 = _abi_ctx(ABI_I386, trap, trap_unknown, &err);
	if (!ctx32) {
		seccomp_release(ctx64);
		goto out_err;
	}
	/* On success the merge consumes ctx32. */
	rc = seccomp_merge(ctx64, ctx32);
	if (rc) {
		seccomp_release(ctx32);
		seccomp_release(ctx64);
		err = rc;
		goto out_err;
	}
	return ctx64;
out_err:
	errno = -err;
	return NULL;
}
