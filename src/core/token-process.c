/* token-process.c
 *
 * A crash must leave no seeds on disk, and another process of the same
 * user must not read them from our memory: the process is made
 * non-dumpable (no core dump, no ptrace attach, /proc/PID/mem closed to
 * others) and its core size limit is set to zero, which also covers a
 * core_pattern pipe that would ignore the dumpable flag's absence.
 *
 * With SOFT_TOKEN_REPORT_HARDENING set, the result is written to standard
 * error, so that the test suite can check the real programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "token-process.h"

void
token_process_harden (void)
{
  const struct rlimit no_core = { 0, 0 };
  struct rlimit core;

  /* Neither can fail for an unprivileged process lowering its own limits;
   * the report below shows what holds. */
  (void) prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  (void) setrlimit (RLIMIT_CORE, &no_core);

  if (g_getenv ("SOFT_TOKEN_REPORT_HARDENING") == NULL)
    return;

  if (getrlimit (RLIMIT_CORE, &core) != 0)
    core.rlim_cur = core.rlim_max = RLIM_INFINITY;
  fprintf (stderr, "hardening: dumpable %d, core limit %llu/%llu\n",
           prctl (PR_GET_DUMPABLE, 0, 0, 0, 0),
           (unsigned long long) core.rlim_cur, (unsigned long long) core.rlim_max);
}
