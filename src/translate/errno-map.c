/*
 * errno-map.c - rewrite the errno of a failing call at its exit stop, by
 * the deciding rule's map, then the policy's global one.  Two stops.
 */
#include "config.h"

#include "filter.h"
#include "tables/sysent.h"
#include "translate/translate.h"

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;
	int i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].nmap)
			for (id = 0; id < sysent_count; id++)
				if (p->rules[i].ids[id])
					need[id] = true;
	if (p->nmap)
		for (id = 0; id < sysent_count; id++)
			need[id] = true;
}

static int _enter(struct xcall *x)
{
	return policy_has_map(x->pol, x->rule) ? XH_EXIT : 0;
}

static bool _on_exit(struct xcall *x)
{
	int e;

	if (x->ret >= 0 || x->ret < -4095)
		return false;
	e = policy_map_errno(x->pol, x->rule, (int)-x->ret);
	if (e == -x->ret)
		return false;
	x->ret = -e;
	return true;
}

const struct translator translate_errno_map = {
	.name = "errno-map",
	.need = _need,
	.enter = _enter,
	.exit = _on_exit,
};
