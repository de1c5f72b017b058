package org.labscale.api.account.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.labscale.api.common.ApiException;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * The rules a new password must meet, wherever one is set (an administrator's new account, an invitation accepted
 * with a new account, a password change): {@value #MIN_LENGTH} characters to {@value #MAX_LENGTH} bytes, not the
 * account's e-mail address or name, and hard to guess. Guessability is estimated by nbvcxz (a zxcvbn descendant:
 * dictionaries of common passwords, names and words, keyboard walks, repeats, sequences, dates, leet speak), with
 * the account's own e-mail address and name added as a dictionary; at least {@value #MIN_ENTROPY} bits are needed,
 * nbvcxz's default, about 3.4e10 guesses. {@code aaaaaaaaaa}, {@code 1234567890}, ten spaces and
 * {@code password123} fail; four random words or 12 random characters pass.
 */
@ApplicationScoped
public class PasswordPolicy {

    /** bcrypt reads at most 72 bytes. */
    public static final int MAX_LENGTH = 72;
    public static final int MIN_LENGTH = 10;
    public static final double MIN_ENTROPY = 35;

    /**
     * Throws 400 naming {@code field} and the reason when {@code password} breaks a rule. {@code personal} are the
     * account's own words (e-mail address, display name); null entries are ignored.
     */
    public void check(String password, String field, String... personal) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiException.invalidField(field, "A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ApiException.invalidField(field, "A password may have at most " + MAX_LENGTH + " bytes.");
        }
        List<String> words = personalWords(personal);
        String lower = password.toLowerCase(Locale.ROOT).strip();
        if (words.stream().anyMatch(w -> w.length() >= MIN_LENGTH && lower.contains(w))) {
            throw weak(field, "it contains the account's e-mail address or name.");
        }
        Result result = new Nbvcxz(new ConfigurationBuilder().setLocale(Locale.ENGLISH)
                .setMinimumEntropy(MIN_ENTROPY).setDictionaries(dictionaries(words)).createConfiguration())
                .estimate(password);
        if (!result.isMinimumEntropyMet()) {
            Feedback feedback = result.getFeedback();
            String why = feedback.getWarning() != null ? feedback.getWarning()
                    : "it would be found in about "
                    + String.format(Locale.ROOT, "%.0e", result.getGuesses().doubleValue()) + " guesses.";
            String hint = feedback.getSuggestion().isEmpty() ? "" : " " + String.join(" ", feedback.getSuggestion());
            throw weak(field, why.endsWith(".") ? why + hint : why + "." + hint);
        }
    }

    private static ApiException weak(String field, String why) {
        return new ApiException(400, "validation.weak-password", "This password is too easy to guess: " + why,
                java.util.Map.of("field", field));
    }

    /** The e-mail address, its local part and its parts, the name and its parts, lower-cased. */
    static List<String> personalWords(String... personal) {
        List<String> words = new ArrayList<>();
        for (String p : personal) {
            if (p == null || p.isBlank()) {
                continue;
            }
            String lower = p.toLowerCase(Locale.ROOT).strip();
            words.add(lower);
            int at = lower.indexOf('@');
            if (at > 0) {
                words.add(lower.substring(0, at));
            }
            for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() >= 3) {
                    words.add(part);
                }
            }
        }
        return words.stream().filter(Objects::nonNull).distinct().toList();
    }

    private static List<Dictionary> dictionaries(Collection<String> words) {
        List<Dictionary> all = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        if (!words.isEmpty()) {
            DictionaryBuilder account = new DictionaryBuilder().setDictionaryName("account").setExclusion(false);
            int rank = 1;
            for (String w : words) {
                account.addWord(w, rank++);
            }
            all.add(account.createDictionary());
        }
        return all;
    }
}
