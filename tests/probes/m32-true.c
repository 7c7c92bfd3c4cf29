/* m32-true: the smallest i386 program; exits 0.
 * Built with gcc -m32 -static.  tests/lib.sh runs it to learn whether this
 * kernel runs 32-bit code at all (need_i386); scripts/vmtest runs the tests
 * that need it in a VM whose kernel does. */
int
main(void)
{
	return 0;
}
