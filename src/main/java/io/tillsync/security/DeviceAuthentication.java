package io.tillsync.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request made with a current device token. */
final class DeviceAuthentication extends AbstractAuthenticationToken {

    private final DeviceIdentity device;

    DeviceAuthentication(DeviceIdentity device) {
        super(List.of(new SimpleGrantedAuthority("ROLE_DEVICE")));
        this.device = device;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return device;
    }

    @Override
    public String getName() {
        return "device:" + device.deviceId();
    }
}
