package org.visawaiver.impact.config;

/**
 * Bad input or configuration: a missing file or column, a formula that does not parse, a share of
 * rejected rows above the configured limit. The command line maps it to exit status 2. The message
 * names the input, the rule, an example and the consequence.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
