/*
 * emulate.c - the policy's verdicts the kernel cannot carry out alone:
 * return a value without running the call, deny after a path check, and
 * any rule libseccomp could not keep in first-match order.  One stop: the
 * call is skipped at its seccomp stop and no exit stop follows.
 */
#include "config.h"

#include "filter.h"
#include "tables/sysent.h"
#include "translate/translate.h"

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;
	int abi;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (id = 0; id < sysent_count; id++)
			if (filter_must_trap(p, abi, id))
				need[id] = true;
}

static int _enter(struct xcall *x)
{
	switch (x->action) {
	case PA_DENY:
		x->ret = -(int64_t)(x->rule < 0 ? x->pol->def_err : x->pol->rules[x->rule].err);
		return XH_SKIP;
	case PA_RETURN:
		x->ret = x->pol->rules[x->rule].value;
		return XH_SKIP;
	case PA_KILL:
		return XH_KILL;
	default:
		return 0;
	}
}

const struct translator translate_emulate = {
	.name = "emulate",
	.need = _need,
	.enter = _enter,
	.exit = NULL,
};
