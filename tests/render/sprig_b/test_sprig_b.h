/* test_sprig_b.h: the property tests of random and generated output (test_properties.c,
 * test_certificates.c). */
#ifndef CELM_TEST_SPRIG_B_H
#define CELM_TEST_SPRIG_B_H

void random_strings_have_their_alphabet_and_length(void);
void rand_int_stays_in_its_range(void);
void uuidv4_has_the_version_4_layout(void);
void shuffle_keeps_every_rune(void);
void rand_bytes_are_base64_of_the_count(void);
void bcrypt_hashes_verify(void);
void aes_round_trips(void);
void now_is_local_with_a_monotonic_reading(void);
void ago_and_duration_round_measure_elapsed_time(void);
void private_keys_have_their_kind_and_size(void);
void rsa_keys_are_made_as_go_makes_them(void);
void ca_certificates_have_gos_layout(void);
void self_signed_certificates_list_their_names(void);
void signed_certificates_chain_to_their_ca(void);
void certificates_sign_with_the_given_key(void);

/* Writes generated keys and certificates for gohelm --compare-certs (test_emit_certs.c); the exit code. */
int emit_certificates(const char *path);

#define SPRIG_B_PROPERTY_CASES \
    CASE(random_strings_have_their_alphabet_and_length), \
    CASE(rand_int_stays_in_its_range), \
    CASE(uuidv4_has_the_version_4_layout), \
    CASE(shuffle_keeps_every_rune), \
    CASE(rand_bytes_are_base64_of_the_count), \
    CASE(bcrypt_hashes_verify), \
    CASE(aes_round_trips), \
    CASE(now_is_local_with_a_monotonic_reading), \
    CASE(ago_and_duration_round_measure_elapsed_time), \
    CASE(private_keys_have_their_kind_and_size), \
    CASE(rsa_keys_are_made_as_go_makes_them), \
    CASE(ca_certificates_have_gos_layout), \
    CASE(self_signed_certificates_list_their_names), \
    CASE(signed_certificates_chain_to_their_ca), \
    CASE(certificates_sign_with_the_given_key),

#endif
