/* bench/build/main.c - calls every unit of the build workload once. */
#include <stdio.h>
#include "units.h"

int
main(void)
{
	long (*const units[])(long) = { UNIT_LIST };
	long sum = 0;
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		sum += units[i](1000 + (long)i);
	printf("%ld\n", sum);
	return 0;
}
