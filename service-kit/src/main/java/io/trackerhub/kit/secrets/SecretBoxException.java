package io.trackerhub.kit.secrets;

/** A sealed secret could not be made or opened; the message never contains the secret. */
public class SecretBoxException extends RuntimeException {
    public SecretBoxException(String message) {
        super(message);
    }
}
