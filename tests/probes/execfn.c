/* execfn: prints AT_EXECFN and argv[0], for the -r tests (the guest's
 * loader runs it, and both must still name the program). */
#include <stdio.h>
#include <sys/auxv.h>
int main(int c, char **v) { printf("execfn %s argv0 %s\n", (char *)getauxval(AT_EXECFN), v[0]); return 0; }
