package io.orderhub.assignment;

/** The Partner Service did not answer usefully (network error, timeout, 5xx or another unexpected status). */
public class PartnerServiceException extends RuntimeException {

    public PartnerServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
