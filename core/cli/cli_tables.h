/* cli_tables.h: the flag tables (cli_flag_tables.c) and subcommand tables (cli_subcommands.c) commands use. */
#ifndef CELM_CLI_TABLES_H
#define CELM_CLI_TABLES_H

#include "cli.h"

extern const cli_flag *const cli_install_flags[];
extern const cli_flag *const cli_upgrade_flags[];
extern const cli_flag *const cli_template_flags[];
extern const cli_flag *const cli_rollback_flags[];
extern const cli_flag *const cli_uninstall_flags[];
extern const cli_flag *const cli_test_flags[];
extern const cli_flag *const cli_list_flags[];
extern const cli_flag *const cli_history_flags[];
extern const cli_flag *const cli_status_flags[];
extern const cli_flag *const cli_get_all_flags[];
extern const cli_flag *const cli_get_revision_flags[];
extern const cli_flag *const cli_get_metadata_flags[];
extern const cli_flag *const cli_get_values_flags[];
extern const cli_flag *const cli_lint_flags[];
extern const cli_flag *const cli_show_flags[];
extern const cli_flag *const cli_show_values_flags[];
extern const cli_flag *const cli_package_flags[];
extern const cli_flag *const cli_pull_flags[];
extern const cli_flag *const cli_push_flags[];
extern const cli_flag *const cli_dependency_fetch_flags[];
extern const cli_flag *const cli_dependency_list_flags[];
extern const cli_flag *const cli_create_flags[];
extern const cli_flag *const cli_verify_flags[];
extern const cli_flag *const cli_repo_add_flags[];
extern const cli_flag *const cli_repo_index_flags[];
extern const cli_flag *const cli_repo_list_flags[];
extern const cli_flag *const cli_repo_update_flags[];
extern const cli_flag *const cli_search_hub_flags[];
extern const cli_flag *const cli_search_repo_flags[];
extern const cli_flag *const cli_registry_login_flags[];
extern const cli_flag *const cli_version_flags[];
extern const cli_flag *const cli_completion_flags[];
extern const cli_flag *const cli_plugin_list_flags[];
extern const cli_flag *const cli_plugin_install_flags[];
extern const cli_flag *const cli_plugin_package_flags[];
extern const cli_flag *const cli_plugin_verify_flags[];

extern const cli_command cli_get_commands[];
extern const cli_command cli_show_commands[];
extern const cli_command cli_repo_commands[];
extern const cli_command cli_search_commands[];
extern const cli_command cli_dependency_commands[];
extern const cli_command cli_registry_commands[];
extern const cli_command cli_plugin_commands[];
extern const cli_command cli_completion_commands[];

#endif
