/*
 * policy-fuzz.c - libFuzzer target for the policy parser: any bytes must
 * give either a policy or an error message with a position, never a crash,
 * a leak or undefined behaviour (build with -fsanitize=fuzzer,address).
 * The same input is also tried as each command-line shorthand.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const opts[] = {
		"--deny", "--kill", "--return", "--map-errno", "--default", "--uname",
		"--fake-root", "--fake-root-load", "--fake-root-save",
	};
	struct policy p;
	char *arg;
	unsigned int i;

	policy_init(&p);
	if (policy_parse(&p, "fuzz", (const char *)data, size) == 0)
		policy_finish(&p);
	policy_free(&p);

	if (size > 256)
		return 0;
	arg = malloc(size + 1);
	if (!arg)
		return 0;
	memcpy(arg, data, size);
	arg[size] = '\0';
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		policy_init(&p);
		policy_shorthand(&p, opts[i], arg);
		policy_free(&p);
	}
	free(arg);
	return 0;
}
