/* main.c: the celm program's entry point; everything else happens in cli_run (cli_dispatch.c). */
#include "cli.h"

int main(int argc, char **argv)
{
    return cli_run(argc, argv);
}
